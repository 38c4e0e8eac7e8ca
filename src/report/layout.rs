//! Page layout for reports: wraps text to measured widths and flows it onto A4 pages, so that
//! nothing runs off a page or overlaps. Pure: the font's metrics come in through [`Measure`],
//! and the output is positioned text and shapes for a writer (the PDF module) to draw.

/// Text measurement, from the real font that will draw the text.
pub trait Measure {
    /// Width of `text` in points.
    fn width(&self, text: &str, style: TextStyle) -> f32;
    /// `text` with any character the font cannot draw replaced by one it can.
    fn displayable(&self, text: &str) -> String;
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextStyle {
    pub size: f32,
    pub bold: bool,
    pub colour: Colour,
}

impl TextStyle {
    pub const BODY: TextStyle = TextStyle {
        size: 9.5,
        bold: false,
        colour: Colour::Black,
    };
    pub const SMALL: TextStyle = TextStyle {
        size: 8.0,
        bold: false,
        colour: Colour::Grey,
    };
    pub const LABEL: TextStyle = TextStyle {
        size: 9.5,
        bold: true,
        colour: Colour::Black,
    };

    pub fn colour(self, colour: Colour) -> TextStyle {
        TextStyle { colour, ..self }
    }

    pub fn line_height(self) -> f32 {
        self.size * 1.32
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colour {
    Black,
    Grey,
    Light,
    Green,
    Amber,
    Red,
    Blue,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub text: String,
    pub style: TextStyle,
}

impl Cell {
    pub fn new(text: impl Into<String>, style: TextStyle) -> Cell {
        Cell {
            text: text.into(),
            style,
        }
    }
}

/// What a report is made of, top to bottom.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// Level 1 starts a new page and appears in the PDF's bookmarks.
    Heading {
        text: String,
        level: u8,
    },
    Paragraph {
        cells: Vec<Cell>,
        indent: f32,
    },
    /// Column widths are fractions of the text width; the header repeats on each page.
    Table {
        widths: Vec<f32>,
        header: Vec<Cell>,
        rows: Vec<Vec<Cell>>,
    },
    /// A label, a drawn bar of `done` out of `total`, and the count.
    Bar {
        label: String,
        done: usize,
        total: usize,
        indent: f32,
    },
    Space(f32),
}

impl Block {
    pub fn paragraph(text: impl Into<String>, style: TextStyle) -> Block {
        Block::Paragraph {
            cells: vec![Cell::new(text, style)],
            indent: 0.0,
        }
    }
}

/// Something placed on a page. `y` is the baseline for text and the top edge for shapes,
/// measured down from the top of the page, in points.
#[derive(Debug, Clone, PartialEq)]
pub enum Placed {
    Text {
        x: f32,
        y: f32,
        text: String,
        style: TextStyle,
    },
    Rect {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        colour: Colour,
    },
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub items: Vec<Placed>,
    /// Level 1 headings that start on this page.
    pub bookmarks: Vec<String>,
}

/// A4 in points, with margins that leave room for the running heads.
#[derive(Debug, Clone, Copy)]
pub struct PageSpec {
    pub width: f32,
    pub height: f32,
    pub margin: f32,
    pub top: f32,
    pub bottom: f32,
}

pub const A4: PageSpec = PageSpec {
    width: 595.28,
    height: 841.89,
    margin: 50.0,
    top: 62.0,
    bottom: 58.0,
};

const CELL_PAD: f32 = 3.0;

/// Lays out `blocks` on pages of `spec`.
pub fn layout(blocks: &[Block], measure: &dyn Measure, spec: PageSpec) -> Vec<Page> {
    let mut flow = Flow {
        measure,
        spec,
        pages: vec![Page::default()],
        y: spec.top,
    };
    for block in blocks {
        match block {
            Block::Heading { text, level } => flow.heading(text, *level),
            Block::Paragraph { cells, indent } => flow.paragraph(cells, *indent),
            Block::Table {
                widths,
                header,
                rows,
            } => flow.table(widths, header, rows),
            Block::Bar {
                label,
                done,
                total,
                indent,
            } => flow.bar(label, *done, *total, *indent),
            Block::Space(points) => flow.y += points,
        }
    }
    flow.pages
}

struct Flow<'m> {
    measure: &'m dyn Measure,
    spec: PageSpec,
    pages: Vec<Page>,
    /// Where the next line's top goes.
    y: f32,
}

impl Flow<'_> {
    fn text_width(&self) -> f32 {
        self.spec.width - 2.0 * self.spec.margin
    }

    fn bottom(&self) -> f32 {
        self.spec.height - self.spec.bottom
    }

    fn room(&self) -> f32 {
        self.bottom() - self.y
    }

    fn at_top(&self) -> bool {
        self.y <= self.spec.top + 0.01
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = self.spec.top;
    }

    fn place(&mut self, item: Placed) {
        if let Some(page) = self.pages.last_mut() {
            page.items.push(item);
        }
    }

    fn heading(&mut self, text: &str, level: u8) {
        let style = match level {
            1 => TextStyle {
                size: 16.0,
                bold: true,
                colour: Colour::Blue,
            },
            2 => TextStyle {
                size: 12.0,
                bold: true,
                colour: Colour::Black,
            },
            _ => TextStyle {
                size: 10.5,
                bold: true,
                colour: Colour::Black,
            },
        };
        if level == 1 && !self.at_top() {
            self.new_page();
        }
        let lines = wrap(self.measure, text, self.text_width(), style);
        let needed =
            style.line_height() * (lines.len() as f32 + 0.4) + 3.0 * TextStyle::BODY.line_height();
        // Keep a heading with at least the start of what follows it.
        if needed > self.room() && !self.at_top() {
            self.new_page();
        }
        if level == 1 {
            if let Some(page) = self.pages.last_mut() {
                page.bookmarks.push(text.to_owned());
            }
        } else if !self.at_top() {
            self.y += style.size * 0.5;
        }
        for line in lines {
            self.y += style.line_height();
            self.place(Placed::Text {
                x: self.spec.margin,
                y: self.y - style.size * 0.25,
                text: line,
                style,
            });
        }
        self.y += style.size * 0.35;
    }

    /// Cells of a paragraph sit side by side on the first line (a bold label, then text);
    /// later lines wrap back to the indent.
    fn paragraph(&mut self, cells: &[Cell], indent: f32) {
        let x0 = self.spec.margin + indent;
        let width = self.text_width() - indent;
        let mut x = x0;
        let mut started = false;
        for cell in cells.iter().filter(|c| !c.text.is_empty()) {
            let style = cell.style;
            // Too little room left beside the previous cell: start this one on a new line.
            if started && x0 + width - x < width * 0.25 {
                started = false;
            }
            let first_width = if started { x0 + width - x } else { width };
            for (i, line) in wrap_first(self.measure, &cell.text, first_width, width, style)
                .into_iter()
                .enumerate()
            {
                if !started || i > 0 {
                    self.advance(style.line_height());
                    x = x0;
                    started = true;
                }
                let line_width = self.measure.width(&line, style);
                self.place(Placed::Text {
                    x,
                    y: self.y - style.size * 0.28,
                    text: line,
                    style,
                });
                x += line_width;
            }
            x += self.measure.width(" ", style);
        }
        self.y += 2.0;
    }

    /// Moves down one line, starting a new page first if the line would not fit.
    fn advance(&mut self, height: f32) {
        if height > self.room() {
            self.new_page();
        }
        self.y += height;
    }

    fn table(&mut self, widths: &[f32], header: &[Cell], rows: &[Vec<Cell>]) {
        let total: f32 = widths.iter().sum::<f32>().max(f32::EPSILON);
        let columns: Vec<(f32, f32)> = widths
            .iter()
            .scan(self.spec.margin, |x, w| {
                let width = w / total * self.text_width();
                let column = (*x, width);
                *x += width;
                Some(column)
            })
            .collect();
        let header_lines = self.wrap_row(&columns, header);
        let header_height = row_height(&header_lines, header);
        if header_height + 2.0 * TextStyle::BODY.line_height() > self.room() {
            self.new_page();
        }
        self.draw_header(&columns, header, &header_lines);
        for (index, row) in rows.iter().enumerate() {
            let lines = self.wrap_row(&columns, row);
            let height = row_height(&lines, row);
            if height > self.room() && height <= self.bottom() - self.spec.top - header_height {
                self.new_page();
                self.draw_header(&columns, header, &header_lines);
            }
            self.draw_row(&columns, row, &lines, index % 2 == 1, header, &header_lines);
        }
        self.y += 6.0;
    }

    fn wrap_row(&self, columns: &[(f32, f32)], cells: &[Cell]) -> Vec<Vec<String>> {
        columns
            .iter()
            .zip(cells)
            .map(|((_, width), cell)| {
                wrap(self.measure, &cell.text, width - 2.0 * CELL_PAD, cell.style)
            })
            .collect()
    }

    fn draw_header(&mut self, columns: &[(f32, f32)], header: &[Cell], lines: &[Vec<String>]) {
        if header.is_empty() {
            return;
        }
        let height = row_height(lines, header);
        self.place(Placed::Rect {
            x: self.spec.margin,
            y: self.y,
            width: self.text_width(),
            height,
            colour: Colour::Light,
        });
        for (((x, _), cell), cell_lines) in columns.iter().zip(header).zip(lines) {
            for (i, line) in cell_lines.iter().enumerate() {
                let y = self.y + CELL_PAD + cell.style.line_height() * (i as f32 + 1.0)
                    - cell.style.size * 0.28;
                self.place(Placed::Text {
                    x: x + CELL_PAD,
                    y,
                    text: line.clone(),
                    style: cell.style,
                });
            }
        }
        self.y += height;
    }

    /// Draws a row, splitting it across pages line by line if it is taller than a page.
    fn draw_row(
        &mut self,
        columns: &[(f32, f32)],
        row: &[Cell],
        lines: &[Vec<String>],
        shaded: bool,
        header: &[Cell],
        header_lines: &[Vec<String>],
    ) {
        let line_height = row
            .iter()
            .map(|c| c.style.line_height())
            .fold(0.0, f32::max);
        let most = lines.iter().map(Vec::len).max().unwrap_or(0).max(1);
        let whole = row_height(lines, row);
        let mut done = 0;
        while done < most {
            // The usual case: the whole row fits. Otherwise split it at line boundaries.
            let fits_whole = done == 0 && whole <= self.room();
            let fit = if fits_whole {
                most
            } else {
                (((self.room() - 2.0 * CELL_PAD) / line_height).floor() as usize)
                    .max(1)
                    .min(most - done)
            };
            let height = if fits_whole {
                whole
            } else {
                fit as f32 * line_height + 2.0 * CELL_PAD
            };
            if shaded {
                self.place(Placed::Rect {
                    x: self.spec.margin,
                    y: self.y,
                    width: self.text_width(),
                    height,
                    colour: Colour::Light,
                });
            }
            for ((x, _), (cell, cell_lines)) in columns.iter().zip(row.iter().zip(lines)) {
                for (i, line) in cell_lines.iter().enumerate().skip(done).take(fit) {
                    let y =
                        self.y + CELL_PAD + cell.style.line_height() * ((i - done) as f32 + 1.0)
                            - cell.style.size * 0.28;
                    self.place(Placed::Text {
                        x: x + CELL_PAD,
                        y,
                        text: line.clone(),
                        style: cell.style,
                    });
                }
            }
            self.y += height;
            done += fit;
            if done < most {
                self.new_page();
                self.draw_header(columns, header, header_lines);
            }
        }
    }

    fn bar(&mut self, label: &str, done: usize, total: usize, indent: f32) {
        let style = TextStyle::BODY;
        let height = style.line_height() + 3.0;
        if height > self.room() {
            self.new_page();
        }
        let x = self.spec.margin + indent;
        let label_width = self.text_width() * 0.52 - indent;
        let label = wrap(self.measure, label, label_width, style)
            .into_iter()
            .next()
            .unwrap_or_default();
        let baseline = self.y + style.line_height() - style.size * 0.28;
        self.place(Placed::Text {
            x,
            y: baseline,
            text: label,
            style,
        });
        let bar_x = self.spec.margin + self.text_width() * 0.54;
        let bar_width = self.text_width() * 0.32;
        let top = self.y + 3.0;
        let fraction = if total == 0 {
            0.0
        } else {
            done as f32 / total as f32
        };
        self.place(Placed::Rect {
            x: bar_x,
            y: top,
            width: bar_width,
            height: 8.0,
            colour: Colour::Light,
        });
        if fraction > 0.0 {
            let colour = if done == total {
                Colour::Green
            } else {
                Colour::Blue
            };
            self.place(Placed::Rect {
                x: bar_x,
                y: top,
                width: bar_width * fraction,
                height: 8.0,
                colour,
            });
        }
        let percent = (done * 100).checked_div(total).unwrap_or(0);
        self.place(Placed::Text {
            x: bar_x + bar_width + 6.0,
            y: baseline,
            text: format!("{done}/{total} ({percent}%)"),
            style: TextStyle::SMALL.colour(Colour::Black),
        });
        self.y += height;
    }
}

fn row_height(lines: &[Vec<String>], cells: &[Cell]) -> f32 {
    lines
        .iter()
        .zip(cells)
        .map(|(l, c)| l.len().max(1) as f32 * c.style.line_height())
        .fold(0.0, f32::max)
        + 2.0 * CELL_PAD
}

/// Wraps text to `width`, keeping explicit line breaks and breaking words longer than a line.
pub fn wrap(measure: &dyn Measure, text: &str, width: f32, style: TextStyle) -> Vec<String> {
    wrap_first(measure, text, width, width, style)
}

/// Like [`wrap`], but the first line may be narrower (it follows a label). If the first
/// word does not fit there but would fit on a full line, the first line is left empty.
fn wrap_first(
    measure: &dyn Measure,
    text: &str,
    first_width: f32,
    width: f32,
    style: TextStyle,
) -> Vec<String> {
    let text = measure.displayable(text);
    let space = measure.width(" ", style);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut line_width = 0.0;
    for (index, paragraph) in text.split('\n').enumerate() {
        if index > 0 {
            lines.push(std::mem::take(&mut line));
            line_width = 0.0;
        }
        for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
            let word_width = measure.width(word, style);
            loop {
                let limit = if lines.is_empty() { first_width } else { width };
                let gap = if line.is_empty() { 0.0 } else { space };
                if line_width + gap + word_width <= limit {
                    if !line.is_empty() {
                        line.push(' ');
                    }
                    line.push_str(word);
                    line_width += gap + word_width;
                    break;
                }
                if !line.is_empty() || (word_width <= width && limit < width) {
                    lines.push(std::mem::take(&mut line));
                    line_width = 0.0;
                    continue;
                }
                // A word longer than a whole line (a URL, a hash) is broken between characters.
                for c in word.chars() {
                    let limit = if lines.is_empty() { first_width } else { width };
                    let w = measure.width(c.encode_utf8(&mut [0; 4]), style);
                    if line_width + w > limit && !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                        line_width = 0.0;
                    }
                    line.push(c);
                    line_width += w;
                }
                break;
            }
        }
    }
    lines.push(line);
    lines
}

/// Adds the running heads: `left` at the top of every page and "Page X of Y" with `footer` at
/// the bottom.
pub fn add_running_heads(
    pages: &mut [Page],
    measure: &dyn Measure,
    spec: PageSpec,
    left: &str,
    right: &str,
    footer: &str,
) {
    let count = pages.len();
    let style = TextStyle::SMALL;
    let left = measure.displayable(left);
    for (index, page) in pages.iter_mut().enumerate() {
        let numbering = format!("Page {} of {count}", index + 1);
        let right_x = spec.width - spec.margin - measure.width(right, style);
        let number_x = spec.width - spec.margin - measure.width(&numbering, style);
        let header_y = spec.top - 22.0;
        let footer_y = spec.height - spec.bottom + 26.0;
        let limit = right_x - spec.margin - 12.0;
        let left_line = wrap(measure, &left, limit, style)
            .into_iter()
            .next()
            .unwrap_or_default();
        page.items.extend([
            Placed::Text {
                x: spec.margin,
                y: header_y,
                text: left_line,
                style,
            },
            Placed::Text {
                x: right_x,
                y: header_y,
                text: right.to_owned(),
                style,
            },
            Placed::Rect {
                x: spec.margin,
                y: header_y + 5.0,
                width: spec.width - 2.0 * spec.margin,
                height: 0.5,
                colour: Colour::Grey,
            },
            Placed::Text {
                x: spec.margin,
                y: footer_y,
                text: footer.to_owned(),
                style,
            },
            Placed::Text {
                x: number_x,
                y: footer_y,
                text: numbering,
                style,
            },
        ]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character is 5 points wide at size 10, scaled with the size.
    struct Fixed;
    impl Measure for Fixed {
        fn width(&self, text: &str, style: TextStyle) -> f32 {
            text.chars().count() as f32 * style.size * 0.5
        }
        fn displayable(&self, text: &str) -> String {
            text.to_owned()
        }
    }

    fn body(size: f32) -> TextStyle {
        TextStyle {
            size,
            bold: false,
            colour: Colour::Black,
        }
    }

    #[test]
    fn wrapping_respects_width_words_and_breaks() {
        let lines = wrap(&Fixed, "one two three four\nfive", 50.0, body(10.0));
        assert_eq!(lines, ["one two", "three four", "five"]);
        // A narrow first line that cannot take the first word is left empty.
        let lines = wrap_first(&Fixed, "alpha beta", 10.0, 50.0, body(10.0));
        assert_eq!(lines, ["", "alpha beta"]);
        assert_eq!(wrap(&Fixed, "", 50.0, body(10.0)), [""]);
        let lines = wrap(
            &Fixed,
            "https://example.org/a/very/long/address",
            50.0,
            body(10.0),
        );
        assert!(
            lines.iter().all(|l| Fixed.width(l, body(10.0)) <= 50.0),
            "{lines:?}"
        );
        assert_eq!(lines.concat(), "https://example.org/a/very/long/address");
    }

    #[test]
    fn nothing_is_placed_outside_the_text_area() {
        let long = "word ".repeat(3000) + &"x".repeat(2000);
        let blocks = vec![
            Block::Heading {
                text: "Title".into(),
                level: 1,
            },
            Block::paragraph(long.clone(), TextStyle::BODY),
            Block::Table {
                widths: vec![1.0, 3.0],
                header: vec![
                    Cell::new("A", TextStyle::LABEL),
                    Cell::new("B", TextStyle::LABEL),
                ],
                rows: vec![
                    vec![
                        Cell::new("k", TextStyle::BODY),
                        Cell::new(long, TextStyle::BODY)
                    ];
                    3
                ],
            },
        ];
        let pages = layout(&blocks, &Fixed, A4);
        assert!(pages.len() > 5);
        for page in &pages {
            for item in &page.items {
                match item {
                    Placed::Text { x, y, text, style } => {
                        assert!(
                            *x >= A4.margin - 0.01
                                && x + Fixed.width(text, *style) <= A4.width - A4.margin + 0.01,
                            "off the side: {text:?} at {x}"
                        );
                        assert!(
                            *y >= A4.top && *y <= A4.height - A4.bottom + 0.01,
                            "off the page: {text:?} at {y}"
                        );
                    }
                    Placed::Rect { y, height, .. } => {
                        assert!(*y >= A4.top - 0.01 && y + height <= A4.height - A4.bottom + 0.01)
                    }
                }
            }
        }
    }

    #[test]
    fn level_one_headings_start_pages_and_are_bookmarked() {
        let blocks = vec![
            Block::Heading {
                text: "One".into(),
                level: 1,
            },
            Block::paragraph("text", TextStyle::BODY),
            Block::Heading {
                text: "Two".into(),
                level: 1,
            },
        ];
        let pages = layout(&blocks, &Fixed, A4);
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].bookmarks, ["One"]);
        assert_eq!(pages[1].bookmarks, ["Two"]);
    }

    #[test]
    fn running_heads_number_every_page() {
        let mut pages = vec![Page::default(), Page::default(), Page::default()];
        add_running_heads(
            &mut pages,
            &Fixed,
            A4,
            "Oak House",
            "Evidence pack",
            "Fingerprint abc",
        );
        let texts: Vec<&str> = pages[1]
            .items
            .iter()
            .filter_map(|i| {
                if let Placed::Text { text, .. } = i {
                    Some(text.as_str())
                } else {
                    None
                }
            })
            .collect();
        assert!(texts.contains(&"Page 2 of 3"));
        assert!(texts.contains(&"Oak House"));
    }
}
