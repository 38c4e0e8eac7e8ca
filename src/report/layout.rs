//! Page layout for reports: wraps text to measured widths and flows it onto A4 pages, so that
//! nothing runs off a page or overlaps. Pure: the font's metrics come in through [`Measure`],
//! and the output is positioned text and shapes for a writer (the PDF module) to draw.

pub use super::style::{Colour, Measure, TextStyle};
use super::wrap::{wrap, wrap_first};

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub text: String,
    pub style: TextStyle,
    /// An anchor elsewhere in the document this cell's text links to (see [`Block::Anchor`]).
    pub link: Option<String>,
    /// For a paragraph's label: what to print at the top of the next page when the paragraph
    /// runs onto it ("1.1.6 note (continued)"); otherwise the label itself is used.
    pub continues_as: Option<String>,
}

impl Cell {
    pub fn new(text: impl Into<String>, style: TextStyle) -> Cell {
        Cell {
            text: text.into(),
            style,
            link: None,
            continues_as: None,
        }
    }

    /// The cell, saying `label` at the top of a page its paragraph runs onto.
    pub fn continues_as(self, label: impl Into<String>) -> Cell {
        Cell {
            continues_as: Some(label.into()),
            ..self
        }
    }

    /// The cell, linking to `anchor`.
    pub fn linked(self, anchor: impl Into<String>) -> Cell {
        Cell {
            link: Some(anchor.into()),
            ..self
        }
    }
}

/// The words of `blocks` for a test to read: a line per heading, paragraph and table row (its
/// cells between ` | `), what a kept-together group holds in place.
#[cfg(test)]
pub(crate) fn plain_text(blocks: &[Block]) -> String {
    let mut out = Vec::new();
    for b in blocks {
        match b {
            Block::Heading { text, .. } | Block::Titled { text, .. } => out.push(text.clone()),
            Block::Paragraph { cells, .. } => out.push(
                cells
                    .iter()
                    .map(|c| c.text.clone())
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
            Block::Table { rows, .. } => {
                for row in rows {
                    out.push(
                        row.iter()
                            .map(|c| c.text.replace('\n', " "))
                            .collect::<Vec<_>>()
                            .join(" | "),
                    );
                }
            }
            Block::Keep(inner) => out.push(plain_text(inner)),
            _ => {}
        }
    }
    out.join("\n")
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
    /// A label, a drawn bar split into coloured parts (each a count and its colour; the rest
    /// of `total` is left empty), and a caption after it.
    Bar {
        label: String,
        parts: Vec<(usize, Colour)>,
        total: usize,
        caption: String,
        indent: f32,
    },
    Space(f32),
    /// Blocks kept on one page when they fit on one: a heading with what follows, an item.
    Keep(Vec<Block>),
    /// A labelled empty box to write in (a signature), `height` points tall.
    Field {
        label: String,
        height: f32,
    },
    /// A place links can point to (an item's key), on the page where the next block starts.
    Anchor(String),
    /// A paragraph set in its own style that a reader knows as a heading of `level` (a card's
    /// "NUMBERS TO RING"): laid out as the paragraph is, neither starting a page nor
    /// bookmarked.
    Titled {
        text: String,
        level: u8,
        style: TextStyle,
    },
}

impl Block {
    pub fn paragraph(text: impl Into<String>, style: TextStyle) -> Block {
        Block::Paragraph {
            cells: vec![Cell::new(text, style)],
            indent: 0.0,
        }
    }

    /// A line in `style` that reads as a heading of `level` (see [`Block::Titled`]).
    pub fn titled(text: impl Into<String>, level: u8, style: TextStyle) -> Block {
        Block::Titled {
            text: text.into(),
            level,
            style,
        }
    }
}

/// What a run of placed items is to a reader that follows the document's structure rather than
/// its look (a screen reader): the PDF writer tags it so (see [`super::pdf_tags`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Role {
    /// Level 1 to 6.
    Heading(u8),
    Paragraph,
    Table,
    Row,
    /// A column's header cell.
    HeaderCell,
    Cell,
    /// A drawn chart, with what it shows in words.
    Figure(String),
    List,
    ListItem,
    ListBody,
    Link,
    /// Page furniture (running heads, page numbers, a repeated table header) a reader skips.
    Artifact,
}

/// Marks around placed items, nested like brackets, that say what they are (see [`Role`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    Begin(Role),
    /// Goes back into the `n`th cell of the table row being drawn, which runs on from the page
    /// before; closed by [`Mark::End`] like a begun one.
    Resume(usize),
    End,
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
    /// A clickable area (`y` its top) that goes to the page of an anchor.
    Link {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        target: String,
    },
    /// Not drawn: says what the items up to its matching end are (see [`Mark`]).
    Mark(Mark),
}

impl Placed {
    pub fn begin(role: Role) -> Placed {
        Placed::Mark(Mark::Begin(role))
    }

    pub const END: Placed = Placed::Mark(Mark::End);
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    /// Anchors on this page, for links, with how far down the page each is.
    pub anchors: Vec<(String, f32)>,
    pub items: Vec<Placed>,
    /// Level 1 and 2 headings on this page, with their level, for the outline.
    pub bookmarks: Vec<(u8, String)>,
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

/// Space between a table cell's edge and its text.
pub(super) const CELL_PAD: f32 = 3.0;

/// Lays out `blocks` on pages of `spec`.
pub fn layout(blocks: &[Block], measure: &dyn Measure, spec: PageSpec) -> Vec<Page> {
    let mut flow = Flow {
        measure,
        spec,
        pages: vec![Page::default()],
        y: spec.top,
    };
    flow.blocks(blocks);
    flow.pages
}

/// The bullet that starts each paragraph of a list ("• an answer kept").
const BULLET: &str = "• ";

/// Whether `block` is a paragraph led by a bullet: one item of a list.
fn is_list_item(block: &Block) -> bool {
    matches!(block, Block::Paragraph { cells, .. }
        if cells.iter().find(|c| !c.text.is_empty()).is_some_and(|c| c.text.starts_with(BULLET)))
}

impl Flow<'_> {
    /// Lays out `blocks`, telling a reader that a run of bulleted paragraphs is a list.
    fn blocks(&mut self, blocks: &[Block]) {
        let mut in_list = false;
        for block in blocks {
            let item = is_list_item(block);
            if item != in_list {
                self.place(if item {
                    Placed::begin(Role::List)
                } else {
                    Placed::END
                });
                in_list = item;
            }
            if item {
                self.place(Placed::begin(Role::ListItem));
                self.place(Placed::begin(Role::ListBody));
            }
            self.block(block);
            if item {
                self.place(Placed::END);
                self.place(Placed::END);
            }
        }
        if in_list {
            self.place(Placed::END);
        }
    }

    /// How tall `blocks` are when laid out from the top of an endless page.
    fn height_of(&self, blocks: &[Block]) -> f32 {
        let mut trial = Flow {
            measure: self.measure,
            spec: PageSpec {
                height: f32::MAX / 4.0,
                ..self.spec
            },
            pages: vec![Page::default()],
            y: self.spec.top,
        };
        trial.blocks(blocks);
        trial.y - self.spec.top
    }

    fn block(&mut self, block: &Block) {
        let flow = self;
        match block {
            Block::Heading { text, level } => flow.heading(text, *level),
            Block::Paragraph { cells, indent } => flow.paragraph(cells, *indent, Role::Paragraph),
            Block::Titled { text, level, style } => flow.paragraph(
                &[Cell::new(text.clone(), *style)],
                0.0,
                Role::Heading(*level),
            ),
            Block::Table {
                widths,
                header,
                rows,
            } => flow.table(widths, header, rows),
            Block::Bar {
                label,
                parts,
                total,
                caption,
                indent,
            } => flow.bar(label, parts, *total, caption, *indent),
            Block::Space(points) => flow.y += points,
            Block::Keep(inner) => {
                let starts_page = matches!(inner.first(), Some(Block::Heading { level: 1, .. }));
                let height = flow.height_of(inner);
                let page = flow.bottom() - flow.spec.top;
                if !starts_page && height > flow.room() && height <= page && !flow.at_top() {
                    flow.new_page();
                }
                flow.blocks(inner);
            }
            Block::Field { label, height } => flow.field(label, *height),
            Block::Anchor(name) => {
                // An anchor at the foot of a page belongs with what follows, on the next.
                if flow.room() < 3.0 * TextStyle::BODY.line_height() && !flow.at_top() {
                    flow.new_page();
                }
                let y = flow.y;
                if let Some(page) = flow.pages.last_mut() {
                    page.anchors.push((name.clone(), y));
                }
            }
        }
    }
}

pub(super) struct Flow<'m> {
    pub(super) measure: &'m dyn Measure,
    pub(super) spec: PageSpec,
    pub(super) pages: Vec<Page>,
    /// Where the next line's top goes.
    pub(super) y: f32,
}

impl Flow<'_> {
    pub(super) fn text_width(&self) -> f32 {
        self.spec.width - 2.0 * self.spec.margin
    }

    pub(super) fn bottom(&self) -> f32 {
        self.spec.height - self.spec.bottom
    }

    pub(super) fn room(&self) -> f32 {
        self.bottom() - self.y
    }

    fn at_top(&self) -> bool {
        self.y <= self.spec.top + 0.01
    }

    pub(super) fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = self.spec.top;
    }

    pub(super) fn place(&mut self, item: Placed) {
        if let Some(page) = self.pages.last_mut() {
            page.items.push(item);
        }
    }

    fn heading(&mut self, text: &str, level: u8) {
        let style = match level {
            1 => TextStyle {
                size: 16.0,
                bold: true,
                mono: false,
                colour: Colour::Blue,
            },
            2 => TextStyle {
                size: 12.0,
                bold: true,
                mono: false,
                colour: Colour::Black,
            },
            _ => TextStyle {
                size: 10.5,
                bold: true,
                mono: false,
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
        if level <= 2
            && let Some(page) = self.pages.last_mut()
        {
            page.bookmarks.push((level, text.to_owned()));
        }
        if level > 1 && !self.at_top() {
            self.y += style.size * 0.5;
        }
        self.place(Placed::begin(Role::Heading(level)));
        for line in lines {
            self.y += style.line_height();
            self.place(Placed::Text {
                x: self.spec.margin,
                y: self.y - style.size * 0.25,
                text: line,
                style,
            });
        }
        self.place(Placed::END);
        self.y += style.size * 0.35;
    }

    /// Cells of a paragraph sit side by side on the first line (a bold label, then text);
    /// later lines wrap back to the indent.
    fn paragraph(&mut self, cells: &[Cell], indent: f32, role: Role) {
        let x0 = self.spec.margin + indent;
        let width = self.text_width() - indent;
        let mut x = x0;
        let mut started = false;
        let mut placed_any = false;
        let tagged = cells.iter().any(|c| !c.text.is_empty());
        if tagged {
            self.place(Placed::begin(role));
        }
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
                    let before = self.pages.len();
                    self.advance(style.line_height());
                    if self.pages.len() != before && placed_any {
                        self.continued(cells, x0);
                        self.y += style.line_height();
                    }
                    x = x0;
                    started = true;
                }
                placed_any = true;
                let line_width = self.measure.width(&line, style);
                if let Some(target) = &cell.link {
                    self.place(Placed::Link {
                        x,
                        y: self.y - style.line_height(),
                        width: line_width,
                        height: style.line_height(),
                        target: target.clone(),
                    });
                }
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
        if tagged {
            self.place(Placed::END);
        }
        self.y += 2.0;
    }

    /// At the top of a page, says that the paragraph before the break goes on here: its label
    /// (a paragraph led by "Note:") or just "continued".
    fn continued(&mut self, cells: &[Cell], x: f32) {
        let style = TextStyle::SMALL;
        let label = match cells {
            [first, ..] if first.continues_as.is_some() => {
                format!(
                    "{} (continued)",
                    first.continues_as.as_deref().unwrap_or_default()
                )
            }
            [first, _, ..] if first.text.ends_with(':') => {
                format!("{} (continued)", first.text.trim_end_matches(':'))
            }
            _ => "(continued)".to_owned(),
        };
        // Pagination, like a running head: a reader reads the paragraph on without it.
        self.place(Placed::begin(Role::Artifact));
        self.place(Placed::Text {
            x,
            y: self.y - style.size * 0.28,
            text: self.measure.displayable(&label),
            style,
        });
        self.place(Placed::END);
    }

    /// Moves down one line, starting a new page first if the line would not fit.
    pub(super) fn advance(&mut self, height: f32) {
        if height > self.room() {
            self.new_page();
        }
        self.y += height;
    }

    fn bar(
        &mut self,
        label: &str,
        parts: &[(usize, Colour)],
        total: usize,
        caption: &str,
        indent: f32,
    ) {
        let style = TextStyle::BODY;
        let caption_style = TextStyle::SMALL.colour(Colour::Black);
        let x = self.spec.margin + indent;
        let label_width = self.text_width() * 0.40 - indent;
        let bar_x = self.spec.margin + self.text_width() * 0.41;
        let bar_width = self.text_width() * 0.27;
        let caption_x = bar_x + bar_width + 6.0;
        let room = self.spec.margin + self.text_width() - caption_x;
        // Neither the label nor the caption is ever cut: a long one takes more lines, and the
        // bar's row grows to hold them.
        let labels = wrap(self.measure, label, label_width, style);
        let captions = wrap(self.measure, caption, room, caption_style);
        let extra = |lines: usize, line_height: f32| lines.saturating_sub(1) as f32 * line_height;
        let height = style.line_height()
            + 3.0
            + extra(labels.len(), style.line_height())
                .max(extra(captions.len(), caption_style.line_height()));
        if height > self.room() {
            self.new_page();
        }
        let baseline = self.y + style.line_height() - style.size * 0.28;
        self.place(Placed::begin(Role::Paragraph));
        for (i, text) in labels.into_iter().enumerate() {
            self.place(Placed::Text {
                x,
                y: baseline + i as f32 * style.line_height(),
                text,
                style,
            });
        }
        self.place(Placed::END);
        self.place(Placed::begin(Role::Figure(bar_alt(label, parts, total))));
        let top = self.y + 3.0;
        self.place(Placed::Rect {
            x: bar_x,
            y: top,
            width: bar_width,
            height: 8.0,
            colour: Colour::Light,
        });
        let mut left = bar_x;
        for &(count, colour) in parts {
            if total == 0 || count == 0 {
                continue;
            }
            let width = bar_width * count as f32 / total as f32;
            self.place(Placed::Rect {
                x: left,
                y: top,
                width,
                height: 8.0,
                colour,
            });
            left += width;
        }
        self.place(Placed::END);
        self.place(Placed::begin(Role::Paragraph));
        for (i, text) in captions.into_iter().enumerate() {
            self.place(Placed::Text {
                x: caption_x,
                y: baseline + i as f32 * caption_style.line_height(),
                text,
                style: caption_style,
            });
        }
        self.place(Placed::END);
        self.y += height;
    }

    /// A label above an outlined box to write or sign in.
    fn field(&mut self, label: &str, height: f32) {
        let style = TextStyle::SMALL;
        let needed = style.line_height() + height + 6.0;
        if needed > self.room() {
            self.new_page();
        }
        self.y += style.line_height();
        self.place(Placed::begin(Role::Paragraph));
        self.place(Placed::Text {
            x: self.spec.margin,
            y: self.y - style.size * 0.28,
            text: self.measure.displayable(label),
            style,
        });
        self.place(Placed::END);
        let (x, y, w) = (self.spec.margin, self.y + 2.0, self.text_width());
        let line = 0.6;
        for (rx, ry, rw, rh) in [
            (x, y, w, line),
            (x, y + height - line, w, line),
            (x, y, line, height),
            (x + w - line, y, line, height),
        ] {
            self.place(Placed::Rect {
                x: rx,
                y: ry,
                width: rw,
                height: rh,
                colour: Colour::Grey,
            });
        }
        self.y += height + 6.0;
    }
}

/// What a bar shows, in words, from the numbers it draws: each coloured part's count and
/// meaning, and what is left of the whole.
fn bar_alt(label: &str, parts: &[(usize, Colour)], total: usize) -> String {
    if total == 0 {
        return format!("{label}: an empty bar (nothing to count)");
    }
    let mut said: Vec<String> = parts
        .iter()
        .map(|&(count, colour)| {
            let meaning = match colour {
                Colour::BarMet => "met",
                Colour::BarGap if count == 1 => "gap",
                Colour::BarGap => "gaps",
                Colour::BarNotApplicable => "not applicable",
                _ => "marked",
            };
            format!("{count} {meaning}")
        })
        .collect();
    let shown: usize = parts.iter().map(|(count, _)| count).sum();
    said.push(format!("{} remaining", total.saturating_sub(shown)));
    format!("{label}: bar of {total}: {}", said.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::heads::add_running_heads;

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

    #[test]
    fn a_bars_long_caption_and_label_are_never_cut() {
        let caption = "0 met · 2 gap · 0 n/a · 3 to confirm · 45 open";
        let label = "Standard 1: Personal confidential data, with a long name";
        let pages = layout(
            &[Block::Bar {
                label: label.into(),
                parts: vec![(2, Colour::BarGap)],
                total: 50,
                caption: caption.into(),
                indent: 0.0,
            }],
            &Fixed,
            A4,
        );
        let words: Vec<String> = pages[0]
            .items
            .iter()
            .filter_map(|i| match i {
                Placed::Text { text, .. } => Some(text.clone()),
                _ => None,
            })
            .collect();
        let all = words.join(" ");
        assert!(all.contains("45 open"), "{words:?}");
        assert!(all.contains("long name"), "{words:?}");
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
                    Placed::Rect { y, height, .. } | Placed::Link { y, height, .. } => {
                        assert!(*y >= A4.top - 0.01 && y + height <= A4.height - A4.bottom + 0.01)
                    }
                    Placed::Mark(_) => {}
                }
            }
        }
    }

    /// The marks placed, as role names and "end", skipping what is drawn.
    fn marks(page: &Page) -> Vec<String> {
        page.items
            .iter()
            .filter_map(|i| match i {
                Placed::Mark(Mark::Begin(role)) => Some(format!("{role:?}")),
                Placed::Mark(Mark::End) => Some("end".to_owned()),
                Placed::Mark(Mark::Resume(n)) => Some(format!("resume {n}")),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn bulleted_paragraphs_are_one_list_and_each_block_says_what_it_is() {
        let blocks = vec![
            Block::Heading {
                text: "Kept answers".into(),
                level: 1,
            },
            Block::paragraph("These are kept.", TextStyle::BODY),
            Block::paragraph("• 1.1.1: Yes", TextStyle::BODY),
            Block::paragraph("• 1.1.2: No", TextStyle::BODY),
            Block::titled("NUMBERS TO RING", 2, TextStyle::LABEL),
            Block::Bar {
                label: "Standard 1".into(),
                parts: vec![(3, Colour::BarMet), (1, Colour::BarGap)],
                total: 6,
                caption: "3 met".into(),
                indent: 0.0,
            },
        ];
        let pages = layout(&blocks, &Fixed, A4);
        let alt = "Standard 1: bar of 6: 3 met, 1 gap, 2 remaining";
        assert_eq!(
            marks(&pages[0]),
            [
                "Heading(1)".to_owned(),
                "end".into(),
                "Paragraph".into(),
                "end".into(),
                "List".into(),
                "ListItem".into(),
                "ListBody".into(),
                "Paragraph".into(),
                "end".into(),
                "end".into(),
                "end".into(),
                "ListItem".into(),
                "ListBody".into(),
                "Paragraph".into(),
                "end".into(),
                "end".into(),
                "end".into(),
                "end".into(),
                "Heading(2)".into(),
                "end".into(),
                "Paragraph".into(),
                "end".into(),
                format!("Figure({alt:?})"),
                "end".into(),
                "Paragraph".into(),
                "end".into(),
            ]
        );
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
        assert_eq!(pages[0].bookmarks, [(1, "One".to_owned())]);
        assert_eq!(pages[1].bookmarks, [(1, "Two".to_owned())]);
    }

    fn texts(page: &Page) -> Vec<&str> {
        page.items
            .iter()
            .filter_map(|i| match i {
                Placed::Text { text, .. } => Some(text.as_str()),
                Placed::Rect { .. } | Placed::Link { .. } | Placed::Mark(_) => None,
            })
            .collect()
    }

    #[test]
    fn a_note_that_runs_onto_the_next_page_says_it_continues() {
        let blocks = vec![
            Block::Space(640.0),
            Block::Paragraph {
                cells: vec![
                    Cell::new("Note:", TextStyle::SMALL),
                    Cell::new("word ".repeat(400), TextStyle::BODY),
                ],
                indent: 12.0,
            },
        ];
        let pages = layout(&blocks, &Fixed, A4);
        assert_eq!(pages.len(), 2);
        assert_eq!(texts(&pages[1]).first(), Some(&"Note (continued)"));
        let named = vec![
            Block::Space(640.0),
            Block::Paragraph {
                cells: vec![
                    Cell::new("Note:", TextStyle::SMALL).continues_as("1.1.6 note"),
                    Cell::new("word ".repeat(400), TextStyle::BODY),
                ],
                indent: 12.0,
            },
        ];
        let pages = layout(&named, &Fixed, A4);
        assert_eq!(texts(&pages[1]).first(), Some(&"1.1.6 note (continued)"));
    }

    #[test]
    fn kept_blocks_move_to_the_next_page_together() {
        let item = |n: usize| {
            Block::Keep(vec![
                Block::paragraph(format!("Item {n}"), TextStyle::LABEL),
                Block::paragraph("the question ".repeat(30), TextStyle::SMALL),
                Block::paragraph("the note ".repeat(30), TextStyle::BODY),
            ])
        };
        let blocks: Vec<Block> = (0..40).map(item).collect();
        let pages = layout(&blocks, &Fixed, A4);
        assert!(pages.len() > 2);
        for page in &pages {
            let t = texts(page);
            // Every page starts with an item's title: no item is split between pages.
            assert!(t.first().is_some_and(|f| f.starts_with("Item ")), "{t:?}");
        }
    }

    #[test]
    fn running_heads_number_every_page() {
        let mut pages = vec![Page::default(), Page::default(), Page::default()];
        add_running_heads(
            &mut pages,
            1,
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
