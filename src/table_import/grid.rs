//! A spreadsheet's cells as text: one sheet of an XLSX workbook or a CSV file, read through
//! well-kept crates (`calamine`, `csv`) and held to fixed bounds.
//!
//! Every cell keeps the row and column the user sees in their spreadsheet program (row 1 is
//! the first line, column A the first column), so every later message can name them.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

/// The most rows, columns and characters per cell carecheck reads from one sheet. The DSPT's
/// full list is under 200 rows of about 20 columns; these leave room for any published list
/// while keeping the work bounded.
pub const MAX_ROWS: usize = 5_000;
pub const MAX_COLUMNS: usize = 200;
pub const MAX_CELL_CHARS: usize = 16 * 1024;
/// The most an XLSX may hold once unzipped (a small file can unzip to gigabytes).
const MAX_UNZIPPED: u64 = 256 * 1024 * 1024;

/// One sheet's cells as trimmed text, with where the sheet starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid {
    /// The row number (1-based) of `rows[0]`.
    pub first_row: usize,
    /// The column index (0-based) of each row's first cell.
    pub first_column: usize,
    pub rows: Vec<Vec<String>>,
}

impl Grid {
    /// "row 14".
    pub fn row_name(&self, index: usize) -> String {
        format!("row {}", self.first_row + index)
    }

    /// "column B".
    pub fn column_name(&self, index: usize) -> String {
        format!("column {}", column_letters(self.first_column + index))
    }
}

/// "A" for 0, "Z" for 25, "AA" for 26.
pub fn column_letters(mut index: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(char::from(b'A' + u8::try_from(index % 26).unwrap_or(0)));
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.iter().rev().collect()
}

/// Which sheet of a workbook to read.
pub enum Sheet<'s> {
    First,
    Named(&'s str),
}

/// Reads one sheet of an XLSX workbook.
pub fn xlsx(bytes: &[u8], sheet: &Sheet<'_>) -> Result<Grid, String> {
    check_unzipped_size(bytes, MAX_UNZIPPED)?;
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes))
        .map_err(|e| format!("not an XLSX workbook carecheck can read ({e})"))?;
    let names = book.sheet_names();
    let name = match sheet {
        Sheet::First => names.first().cloned().ok_or("the workbook has no sheets")?,
        Sheet::Named(wanted) => names
            .iter()
            .find(|n| n.trim().eq_ignore_ascii_case(wanted.trim()))
            .cloned()
            .ok_or_else(|| {
                format!(
                    "the workbook has no sheet called \"{wanted}\"; its sheets are: {}",
                    quoted_list(&names)
                )
            })?,
    };
    let range = book
        .worksheet_range(&name)
        .map_err(|e| format!("sheet \"{name}\" cannot be read ({e})"))?;
    let (height, width) = range.get_size();
    check_size(height, width)?;
    let (first_row, first_column) = range.start().unwrap_or((0, 0));
    let mut rows = Vec::with_capacity(height);
    for (index, row) in range.rows().enumerate() {
        let cells: Vec<String> = row.iter().map(cell_text).collect();
        check_cells(
            &cells,
            first_row as usize + index + 1,
            first_column as usize,
        )?;
        rows.push(cells);
    }
    Ok(Grid {
        first_row: first_row as usize + 1,
        first_column: first_column as usize,
        rows,
    })
}

/// Reads a CSV file (UTF-8, with or without a byte-order mark; commas; quotes as Excel writes
/// them). `--sheet` means nothing here.
pub fn csv(bytes: &[u8]) -> Result<Grid, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut rows = Vec::new();
    for (index, record) in reader.byte_records().enumerate() {
        let line = index + 1;
        if index >= MAX_ROWS {
            return Err(too_many_rows());
        }
        let record = record.map_err(|e| format!("row {line}: not CSV carecheck can read ({e})"))?;
        if record.len() > MAX_COLUMNS {
            return Err(too_many_columns());
        }
        let cells = record
            .iter()
            .enumerate()
            .map(|(column, cell)| {
                std::str::from_utf8(cell)
                    .map(|text| text.trim().to_owned())
                    .map_err(|_| {
                        format!(
                            "row {line}, column {}: not UTF-8 text; save the file as \"CSV UTF-8\"",
                            column_letters(column)
                        )
                    })
            })
            .collect::<Result<Vec<_>, _>>()?;
        check_cells(&cells, line, 0)?;
        rows.push(cells);
    }
    Ok(Grid {
        first_row: 1,
        first_column: 0,
        rows,
    })
}

fn cell_text(cell: &Data) -> String {
    match cell {
        // A formula error (#N/A) is no text of the list's own.
        Data::Empty | Data::Error(_) => String::new(),
        other => other.to_string().trim().to_owned(),
    }
}

fn check_size(height: usize, width: usize) -> Result<(), String> {
    if height > MAX_ROWS {
        return Err(too_many_rows());
    }
    if width > MAX_COLUMNS {
        return Err(too_many_columns());
    }
    Ok(())
}

fn check_cells(cells: &[String], row: usize, first_column: usize) -> Result<(), String> {
    match cells
        .iter()
        .position(|cell| cell.chars().count() > MAX_CELL_CHARS)
    {
        Some(column) => Err(format!(
            "row {row}, column {}: the cell holds more than {MAX_CELL_CHARS} characters, the most carecheck reads from one cell",
            column_letters(first_column + column)
        )),
        None => Ok(()),
    }
}

fn too_many_rows() -> String {
    format!("the sheet has more than {MAX_ROWS} rows, the most carecheck reads from one sheet")
}

fn too_many_columns() -> String {
    format!(
        "the sheet has more than {MAX_COLUMNS} columns, the most carecheck reads from one sheet"
    )
}

/// Refuses a workbook whose parts would unzip to more than `limit` ([`MAX_UNZIPPED`]), before
/// any part is inflated. The sizes are those the archive declares; the zip reader holds each
/// part to its declared size as it inflates it.
fn check_unzipped_size(bytes: &[u8], limit: u64) -> Result<(), String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("not an XLSX workbook carecheck can read ({e})"))?;
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let part = archive
            .by_index_raw(index)
            .map_err(|e| format!("not an XLSX workbook carecheck can read ({e})"))?;
        total = total.saturating_add(part.size());
    }
    if total > limit {
        return Err(format!(
            "the workbook unzips to more than {}, the most carecheck reads",
            crate::foreign_file::size(limit)
        ));
    }
    Ok(())
}

/// `"A", "B"`.
pub fn quoted_list(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("\"{n}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_as_spreadsheets_do() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn csv_cells_are_trimmed_and_placed() {
        let grid = csv(b"\xEF\xBB\xBFRef , Text\n1.1.1,\"Is it, really?\"\n").expect("csv");
        assert_eq!(
            grid.rows,
            vec![vec!["Ref", "Text"], vec!["1.1.1", "Is it, really?"]]
        );
        assert_eq!(grid.row_name(1), "row 2");
        assert_eq!(grid.column_name(1), "column B");
    }

    #[test]
    fn a_workbook_that_unzips_too_large_is_refused_before_reading() {
        use std::io::Write as _;
        use zip::write::SimpleFileOptions;
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let stored =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        writer.start_file("xl/big.xml", stored).expect("start");
        writer.write_all(&[b' '; 4096]).expect("write");
        let bytes = writer.finish().expect("finish").into_inner();
        assert!(check_unzipped_size(&bytes, 4096).is_ok());
        assert_eq!(
            check_unzipped_size(&bytes, 2048).expect_err("too large"),
            "the workbook unzips to more than 2 KiB, the most carecheck reads"
        );
        assert!(
            xlsx(b"not a zip", &Sheet::First)
                .expect_err("not a workbook")
                .starts_with("not an XLSX workbook carecheck can read")
        );
    }

    #[test]
    fn csv_bounds_are_named() {
        let wide = vec!["x"; MAX_COLUMNS + 1].join(",");
        assert_eq!(
            csv(wide.as_bytes()).expect_err("wide"),
            "the sheet has more than 200 columns, the most carecheck reads from one sheet"
        );
        let long = format!("a,{}\n", "y".repeat(MAX_CELL_CHARS + 1));
        assert_eq!(
            csv(long.as_bytes()).expect_err("long cell"),
            "row 1, column B: the cell holds more than 16384 characters, the most carecheck reads from one cell"
        );
        let tall = "a\n".repeat(MAX_ROWS + 1);
        assert!(
            csv(tall.as_bytes())
                .expect_err("tall")
                .contains("5000 rows")
        );
        assert_eq!(
            csv(b"a\n\xff\n").expect_err("latin-1"),
            "row 2, column A: not UTF-8 text; save the file as \"CSV UTF-8\""
        );
    }
}
