//! Tables: columns sized as fractions of the text width, a header repeated on every page, and
//! rows that split between pages at line boundaries when they are taller than a page.

use super::layout::{CELL_PAD, Cell, Colour, Flow, Placed, TextStyle};
use super::wrap::wrap;

impl Flow<'_> {
    pub(super) fn table(&mut self, widths: &[f32], header: &[Cell], rows: &[Vec<Cell>]) {
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

fn row_height(lines: &[Vec<String>], cells: &[Cell]) -> f32 {
    lines
        .iter()
        .zip(cells)
        .map(|(l, c)| l.len().max(1) as f32 * c.style.line_height())
        .fold(0.0, f32::max)
        + 2.0 * CELL_PAD
}
