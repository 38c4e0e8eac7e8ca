//! Tables: columns sized as fractions of the text width, a header repeated on every page, and
//! rows that split between pages at line boundaries when they are taller than a page.

use super::layout::Measure;
use super::layout::{CELL_PAD, Cell, Colour, Flow, Mark, Placed, Role, TextStyle};
use super::wrap::{widest_line, widest_word, wrap};

impl Flow<'_> {
    pub(super) fn table(&mut self, widths: &[f32], header: &[Cell], rows: &[Vec<Cell>]) {
        let sized = fit_columns(self.measure, widths, header, rows, self.text_width());
        let columns: Vec<(f32, f32)> = sized
            .iter()
            .scan(self.spec.margin, |x, &width| {
                let column = (*x, width);
                *x += width;
                Some(column)
            })
            .collect();
        let header_lines = self.wrap_row(&columns, header);
        let header_height = row_height(&header_lines, header);
        // On the pages a table continues onto, its header says so.
        let continued = continued_header(header);
        let continued_lines = self.wrap_row(&columns, &continued);
        let wrapped: Vec<Vec<Vec<String>>> =
            rows.iter().map(|r| self.wrap_row(&columns, r)).collect();
        let heights: Vec<f32> = rows
            .iter()
            .zip(&wrapped)
            .map(|(row, lines)| row_height(lines, row))
            .collect();
        let page = self.bottom() - self.spec.top - header_height;
        // A table starts where its header and first two rows fit (a page never ends on a
        // header and one row), or at least two lines of them.
        let opening: f32 = heights.iter().take(2).sum::<f32>().min(page);
        let least = 2.0 * TextStyle::BODY.line_height();
        if header_height + opening.max(least) > self.room() {
            self.new_page();
        }
        // A table with no header row is a grid of labelled values (a cover's facts, a card's
        // numbers): each cell is read as a paragraph, not as a table without headers.
        let grid = header.is_empty();
        if !grid {
            self.place(Placed::begin(Role::Table));
        }
        self.draw_header(&columns, header, &header_lines, Role::HeaderCell);
        for (index, row) in rows.iter().enumerate() {
            let lines = &wrapped[index];
            let height = heights[index];
            // The last row never goes alone onto a page: the one before goes with it.
            let with_last = match heights.get(index + 1) {
                Some(last) if index + 2 == rows.len() && index > 0 => height + last,
                _ => height,
            };
            let wanted = if with_last <= page { with_last } else { height };
            if wanted > self.room() && height <= page {
                self.new_page();
                self.draw_header(&columns, &continued, &continued_lines, Role::Artifact);
            }
            self.draw_row(
                &columns,
                row,
                lines,
                index % 2 == 1,
                &continued,
                &continued_lines,
            );
        }
        if !grid {
            self.place(Placed::END);
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

    /// Draws the header row: tagged as the table's header cells the first time (`role`
    /// [`Role::HeaderCell`]), as page furniture where it repeats ([`Role::Artifact`]).
    fn draw_header(
        &mut self,
        columns: &[(f32, f32)],
        header: &[Cell],
        lines: &[Vec<String>],
        role: Role,
    ) {
        if header.is_empty() {
            return;
        }
        let (row, cells) = match role {
            Role::Artifact => (Role::Artifact, Cells::Untagged),
            _ => (Role::Row, Cells::Begin(role)),
        };
        self.place(Placed::begin(row));
        let height = row_height(lines, header);
        self.place(Placed::Rect {
            x: self.spec.margin,
            y: self.y,
            width: self.text_width(),
            height,
            colour: Colour::Light,
        });
        self.place_cells(columns, header, lines, (0, usize::MAX), &cells);
        self.place(Placed::END);
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
        // `header` is empty for a grid (see `table`).
        let grid = header.is_empty();
        if !grid {
            self.place(Placed::begin(Role::Row));
        }
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
            // A row that runs on from the page before goes back into its cells.
            let cells = match (grid, done) {
                (true, _) => Cells::Begin(Role::Paragraph),
                (false, 0) => Cells::Begin(Role::Cell),
                (false, _) => Cells::Resume,
            };
            self.place_cells(columns, row, lines, (done, fit), &cells);
            self.y += height;
            done += fit;
            if done < most {
                self.new_page();
                self.draw_header(columns, header, header_lines, Role::Artifact);
            }
        }
        if !grid {
            self.place(Placed::END);
        }
    }

    /// Places lines `first..first + count` of each cell's wrapped text in a row starting at
    /// the current position, each cell marked as `cells` says.
    fn place_cells(
        &mut self,
        columns: &[(f32, f32)],
        cells: &[Cell],
        lines: &[Vec<String>],
        (first, count): (usize, usize),
        cells_are: &Cells,
    ) {
        for (n, ((x, _), (cell, cell_lines))) in
            columns.iter().zip(cells.iter().zip(lines)).enumerate()
        {
            let mark = match cells_are {
                Cells::Begin(role) => Some(Mark::Begin(role.clone())),
                Cells::Resume => Some(Mark::Resume(n)),
                Cells::Untagged => None,
            };
            let tagged = mark.is_some();
            if let Some(mark) = mark {
                self.place(Placed::Mark(mark));
            }
            for (row, line) in cell_lines.iter().skip(first).take(count).enumerate() {
                let y = self.y + CELL_PAD + cell.style.line_height() * (row as f32 + 1.0)
                    - cell.style.size * 0.28;
                if let Some(target) = &cell.link {
                    self.place(Placed::Link {
                        x: x + CELL_PAD,
                        y: self.y + CELL_PAD + cell.style.line_height() * row as f32,
                        width: self.measure.width(line, cell.style),
                        height: cell.style.line_height(),
                        target: target.clone(),
                    });
                }
                self.place(Placed::Text {
                    x: x + CELL_PAD,
                    y,
                    text: line.clone(),
                    style: cell.style,
                });
            }
            if tagged {
                self.place(Placed::END);
            }
        }
    }
}

/// How [`Flow::place_cells`] marks each cell of a row.
enum Cells {
    /// Each cell begins an element of this role.
    Begin(Role),
    /// Each cell goes back into the same cell of the row begun on the page before.
    Resume,
    /// Not marked: the row is inside a mark of its own (a repeated header).
    Untagged,
}

/// Column widths in points: the given proportions, then adjusted by what the cells hold. A
/// column wider than its longest line gives the spare away; a column narrower than its widest
/// word (an identifier such as SCOPE-BYOD, a header such as "Organisation") takes what it needs
/// from columns with room to spare; what is left goes to the columns whose text would wrap.
pub(super) fn fit_columns(
    measure: &dyn Measure,
    proportions: &[f32],
    header: &[Cell],
    rows: &[Vec<Cell>],
    total_width: f32,
) -> Vec<f32> {
    let sum: f32 = proportions.iter().sum::<f32>().max(f32::EPSILON);
    let mut widths: Vec<f32> = proportions.iter().map(|p| p / sum * total_width).collect();
    let pad = 2.0 * CELL_PAD + 0.5;
    let cells = |i: usize| {
        std::iter::once(header.get(i))
            .chain(rows.iter().map(move |r| r.get(i)))
            .flatten()
    };
    let natural: Vec<f32> = (0..widths.len())
        .map(|i| {
            cells(i)
                .map(|c| widest_line(measure, &measure.displayable(&c.text), c.style))
                .fold(0.0, f32::max)
                + pad
        })
        .collect();
    let least: Vec<f32> = (0..widths.len())
        .map(|i| {
            (cells(i)
                .map(|c| widest_word(measure, &measure.displayable(&c.text), c.style))
                .fold(0.0, f32::max)
                + pad)
                .min(total_width * 0.45)
        })
        .collect();
    let mut spare = 0.0;
    for (w, n) in widths.iter_mut().zip(&natural) {
        if *n < *w {
            spare += *w - n;
            *w = *n;
        }
    }
    for i in 0..widths.len() {
        let mut need = least[i] - widths[i];
        if need <= 0.0 {
            continue;
        }
        let from_spare = need.min(spare);
        spare -= from_spare;
        widths[i] += from_spare;
        need -= from_spare;
        if need > 0.0 {
            let slack: f32 = (0..widths.len())
                .filter(|&j| j != i)
                .map(|j| (widths[j] - least[j]).max(0.0))
                .sum();
            if slack > 0.0 {
                let take = need.min(slack);
                for j in (0..widths.len()).filter(|&j| j != i) {
                    let share = (widths[j] - least[j]).max(0.0) / slack * take;
                    widths[j] -= share;
                }
                widths[i] += take;
            }
        }
    }
    let wanting: f32 = widths
        .iter()
        .zip(&natural)
        .map(|(w, n)| (n - w).max(0.0))
        .sum();
    if spare > 0.0 {
        for (w, n) in widths.iter_mut().zip(&natural) {
            let gain = if wanting > 0.0 {
                (*n - *w).max(0.0) / wanting * spare.min(wanting)
            } else {
                0.0
            };
            *w += gain;
        }
        // Whatever no column needs widens the last one, so the table keeps the full width.
        let used: f32 = widths.iter().sum();
        if let Some(last) = widths.last_mut() {
            *last += (total_width - used).max(0.0);
        }
    }
    widths
}

/// The header as repeated on a page the table continues onto: its last cell (usually the
/// widest, so the words fit) marked "(continued)". A table without a header repeats none.
fn continued_header(header: &[Cell]) -> Vec<Cell> {
    let mut continued = header.to_vec();
    if let Some(last) = continued.last_mut() {
        last.text = format!("{} (continued)", last.text);
    }
    continued
}

fn row_height(lines: &[Vec<String>], cells: &[Cell]) -> f32 {
    lines
        .iter()
        .zip(cells)
        .map(|(l, c)| l.len().max(1) as f32 * c.style.line_height())
        .fold(0.0, f32::max)
        + 2.0 * CELL_PAD
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::layout::TextStyle;

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
    fn columns_grow_to_their_widest_word_and_keep_the_full_width() {
        let cell = |t: &str| Cell::new(t, TextStyle::BODY);
        let header = vec![cell("Item"), cell("Organisation"), cell("Why")];
        let rows = vec![vec![
            cell("SCOPE-BYOD"),
            cell("Oak"),
            cell("a long reason that will wrap over several lines of the widest column"),
        ]];
        let widths = fit_columns(&Fixed, &[0.5, 0.5, 4.0], &header, &rows, 400.0);
        let word = |t: &str| Fixed.width(t, TextStyle::BODY) + 2.0 * CELL_PAD;
        assert!(widths[0] >= word("SCOPE-BYOD"), "{widths:?}");
        assert!(widths[1] >= word("Organisation"), "{widths:?}");
        assert!(
            (widths.iter().sum::<f32>() - 400.0).abs() < 0.5,
            "{widths:?}"
        );
    }

    /// Each page's text, one string a page.
    fn page_texts(blocks: &[crate::report::layout::Block]) -> Vec<String> {
        use crate::report::layout::{A4, Placed, layout};
        layout(blocks, &Fixed, A4)
            .iter()
            .map(|p| {
                p.items
                    .iter()
                    .filter_map(|i| match i {
                        Placed::Text { text, .. } => Some(text.as_str()),
                        _ => None,
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    fn numbered_table(rows: usize) -> crate::report::layout::Block {
        let cell = |t: String| Cell::new(t, TextStyle::BODY);
        crate::report::layout::Block::Table {
            widths: vec![1.0, 3.0],
            header: vec![cell("Item".into()), cell("Why".into())],
            rows: (1..=rows)
                .map(|n| vec![cell(format!("row{n}")), cell("reason".into())])
                .collect(),
        }
    }

    #[test]
    fn a_table_that_continues_says_so_and_never_leaves_its_last_row_alone() {
        // The shortest table that needs a second page: without care, its last row alone.
        let spills = (20..200)
            .find(|&n| page_texts(&[numbered_table(n)]).len() == 2)
            .expect("a length that needs two pages");
        let pages = page_texts(&[numbered_table(spills)]);
        assert_eq!(
            pages[1].matches("row").count(),
            2,
            "the row before goes with it: {}",
            pages[1]
        );
        assert!(
            pages[1].starts_with("Item Why (continued) row"),
            "{}",
            pages[1]
        );
        assert!(pages[0].starts_with("Item Why"), "{}", pages[0]);
        assert!(!pages[0].contains("continued"), "{}", pages[0]);
    }
}
