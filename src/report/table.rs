//! Tables: columns sized as fractions of the text width, a header repeated on every page, and
//! rows that split between pages at line boundaries when they are taller than a page.

use super::layout::Measure;
use super::layout::{CELL_PAD, Cell, Colour, Flow, Placed, TextStyle};
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
        self.place_cells(columns, header, lines, 0, usize::MAX);
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
            self.place_cells(columns, row, lines, done, fit);
            self.y += height;
            done += fit;
            if done < most {
                self.new_page();
                self.draw_header(columns, header, header_lines);
            }
        }
    }

    /// Places lines `first..first + count` of each cell's wrapped text in a row starting at
    /// the current position.
    fn place_cells(
        &mut self,
        columns: &[(f32, f32)],
        cells: &[Cell],
        lines: &[Vec<String>],
        first: usize,
        count: usize,
    ) {
        for ((x, _), (cell, cell_lines)) in columns.iter().zip(cells.iter().zip(lines)) {
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
        }
    }
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
}
