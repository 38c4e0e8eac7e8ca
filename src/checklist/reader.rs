//! Typed reading of a parsed TOML tree that records every problem instead of stopping at the first.
//!
//! serde's derive stops at the first error; a checklist author fixing a file wants them all, each
//! with its line and column. So the loader walks toml's spanned tree itself through these helpers.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::diagnostic::{Diagnostic, LineIndex, Position};
use crate::domain::checklist::is_item_id;
use crate::domain::date::Date;

/// A table in the file together with what to call it in messages ("item 4.5.3").
pub struct Table<'t, 'i> {
    pub map: &'t DeTable<'i>,
    pub span: Range<usize>,
    pub name: String,
}

/// Collects diagnostics while reading one file.
pub struct Reader<'a> {
    origin: &'a str,
    lines: LineIndex<'a>,
    pub diagnostics: Vec<Diagnostic>,
}

impl<'a> Reader<'a> {
    pub fn new(origin: &'a str, text: &'a str) -> Self {
        Reader {
            origin,
            lines: LineIndex::new(text),
            diagnostics: Vec::new(),
        }
    }

    pub fn position(&self, span: &Range<usize>) -> Position {
        self.lines.position(span.start)
    }

    pub fn error(&mut self, span: &Range<usize>, message: impl Into<String>) {
        let position = Some(self.position(span));
        self.diagnostics
            .push(Diagnostic::new(self.origin, position, message));
    }

    /// Reports every key of `table` that is not in `allowed`, suggesting the closest allowed key,
    /// so that a typo is never silently ignored.
    pub fn check_keys(&mut self, table: &Table<'_, '_>, allowed: &[&str]) {
        for key in table.map.keys() {
            let name = key.get_ref().as_ref();
            if allowed.contains(&name) {
                continue;
            }
            let hint = match closest(name, allowed) {
                Some(near) => format!("; did you mean `{near}`?"),
                None => format!("; expected one of: {}", allowed.join(", ")),
            };
            self.error(
                &key.span(),
                format!("unknown key `{name}` in {}{hint}", table.name),
            );
        }
    }

    fn get<'t, 'i>(
        &mut self,
        table: &Table<'t, 'i>,
        key: &str,
        required: bool,
    ) -> Option<&'t Spanned<DeValue<'i>>> {
        let value = table.map.get(key);
        if value.is_none() && required {
            self.error(
                &table.span,
                format!("{} is missing required key `{key}`", table.name),
            );
        }
        value
    }

    pub fn wrong_type(
        &mut self,
        table: &Table<'_, '_>,
        key: &str,
        value: &Spanned<DeValue<'_>>,
        want: &str,
    ) {
        let found = value.get_ref().type_str();
        self.error(
            &value.span(),
            format!("`{key}` in {} should be {want}, not {found}", table.name),
        );
    }

    /// A text value; required text must not be blank.
    /// The table's required `id`, which must follow the item-ID rules; `what` names the kind of
    /// entry in the message ("level id `x y` may use only ...").
    pub fn id(&mut self, table: &Table<'_, '_>, what: Option<&str>) -> Option<String> {
        let id = self.text(table, "id", true)?;
        if is_item_id(&id) {
            return Some(id);
        }
        let span = self.span_of(table, "id");
        let what = what.map_or_else(String::new, |w| format!("{w} "));
        self.error(
            &span,
            format!("{what}id `{id}` may use only letters, digits, `.`, `-` and `_`"),
        );
        None
    }

    pub fn text(&mut self, table: &Table<'_, '_>, key: &str, required: bool) -> Option<String> {
        let value = self.get(table, key, required)?;
        let Some(text) = value.get_ref().as_str() else {
            self.wrong_type(table, key, value, "text in quotes");
            return None;
        };
        if text.trim().is_empty() {
            self.error(&value.span(), format!("`{key}` in {} is empty", table.name));
            return None;
        }
        Some(text.trim().to_owned())
    }

    /// The span of a key's value, for messages about what it says.
    pub fn span_of(&self, table: &Table<'_, '_>, key: &str) -> Range<usize> {
        table.map.get(key).map_or(table.span.clone(), Spanned::span)
    }

    pub fn integer(&mut self, table: &Table<'_, '_>, key: &str, required: bool) -> Option<i64> {
        let value = self.get(table, key, required)?;
        let parsed = value.get_ref().as_integer().and_then(|int| {
            let digits = int.as_str().replace('_', "");
            let (sign, digits) = match digits.strip_prefix('-') {
                Some(rest) => (-1, rest.to_owned()),
                None => (1, digits.trim_start_matches('+').to_owned()),
            };
            let body = if int.radix() == 10 {
                &digits[..]
            } else {
                digits.get(2..)?
            };
            i64::from_str_radix(body, int.radix())
                .ok()
                .map(|n| sign * n)
        });
        if parsed.is_none() {
            self.wrong_type(table, key, value, "a whole number");
        }
        parsed
    }

    /// A number, whole or decimal.
    pub fn number(&mut self, table: &Table<'_, '_>, key: &str, required: bool) -> Option<f64> {
        let value = self.get(table, key, required)?;
        let parsed = match value.get_ref() {
            DeValue::Float(f) => f.as_str().replace('_', "").parse::<f64>().ok(),
            DeValue::Integer(_) => {
                #[expect(clippy::cast_precision_loss, reason = "thresholds are small numbers")]
                let n = self.integer(table, key, required).map(|n| n as f64);
                return n;
            }
            _ => None,
        };
        match parsed {
            Some(n) if n.is_finite() => Some(n),
            _ => {
                self.wrong_type(table, key, value, "a number");
                None
            }
        }
    }

    /// A calendar date: a TOML local date (`2026-06-30`) or the same written as text
    /// (`"2026-06-30"`). A time or time-zone offset is refused: the format deals in whole days.
    pub fn date(&mut self, table: &Table<'_, '_>, key: &str, required: bool) -> Option<Date> {
        let value = self.get(table, key, required)?;
        let parsed = match value.get_ref() {
            DeValue::Datetime(datetime) => match (datetime.date, datetime.time, datetime.offset) {
                (Some(day), None, None) => Date::from_ymd(
                    i32::from(day.year),
                    u32::from(day.month),
                    u32::from(day.day),
                ),
                _ => None,
            },
            DeValue::String(text) => Date::parse(text.trim()),
            _ => None,
        };
        if parsed.is_none() {
            self.wrong_type(table, key, value, "a date written YYYY-MM-DD");
        }
        parsed
    }

    pub fn boolean(&mut self, table: &Table<'_, '_>, key: &str) -> Option<bool> {
        let value = self.get(table, key, false)?;
        let parsed = value.get_ref().as_bool();
        if parsed.is_none() {
            self.wrong_type(table, key, value, "true or false");
        }
        parsed
    }

    /// A list of non-blank text values, each with its span.
    pub fn text_list(&mut self, table: &Table<'_, '_>, key: &str) -> Vec<(String, Range<usize>)> {
        let Some(value) = self.get(table, key, false) else {
            return Vec::new();
        };
        let Some(array) = value.get_ref().as_array() else {
            self.wrong_type(
                table,
                key,
                value,
                "a list of text values, like [\"a\", \"b\"]",
            );
            return Vec::new();
        };
        let mut out = Vec::with_capacity(array.len());
        for element in array.iter() {
            match element.get_ref().as_str() {
                Some(text) if !text.trim().is_empty() => {
                    out.push((text.trim().to_owned(), element.span()));
                }
                Some(_) => self.error(
                    &element.span(),
                    format!("`{key}` in {} has an empty entry", table.name),
                ),
                None => self.wrong_type(table, key, element, "a list of text values"),
            }
        }
        out
    }

    /// The elements of a list, each with its span, or nothing (with an error) if `key` holds
    /// something else. Callers check each element's type themselves.
    pub fn list<'t, 'i>(
        &mut self,
        table: &Table<'t, 'i>,
        key: &str,
        want: &str,
    ) -> Vec<&'t Spanned<DeValue<'i>>> {
        let Some(value) = self.get(table, key, false) else {
            return Vec::new();
        };
        let Some(array) = value.get_ref().as_array() else {
            self.wrong_type(table, key, value, want);
            return Vec::new();
        };
        array.iter().collect()
    }

    /// A list of tables (`[[key]]` or `key = [{...}]`), each named by `name(index)`.
    pub fn tables<'t, 'i>(
        &mut self,
        table: &Table<'t, 'i>,
        key: &str,
        required: bool,
        name: impl Fn(usize) -> String,
    ) -> Vec<Table<'t, 'i>> {
        let Some(value) = self.get(table, key, required) else {
            return Vec::new();
        };
        let Some(array) = value.get_ref().as_array() else {
            self.wrong_type(table, key, value, "a list of tables");
            return Vec::new();
        };
        let mut out = Vec::with_capacity(array.len());
        for (index, element) in array.iter().enumerate() {
            match element.get_ref().as_table() {
                Some(map) => out.push(Table {
                    map,
                    span: element.span(),
                    name: name(index),
                }),
                None => self.wrong_type(table, key, element, "a table"),
            }
        }
        out
    }

    /// A single sub-table, inline (`key = { ... }`) or not.
    pub fn table<'t, 'i>(
        &mut self,
        table: &Table<'t, 'i>,
        key: &str,
        name: String,
    ) -> Option<Table<'t, 'i>> {
        let value = self.get(table, key, false)?;
        let Some(map) = value.get_ref().as_table() else {
            self.wrong_type(
                table,
                key,
                value,
                "a table, like { kind = \"text\", label = \"...\" }",
            );
            return None;
        };
        Some(Table {
            map,
            span: value.span(),
            name,
        })
    }
}

/// The allowed key nearest to a misspelt one, if it is close enough to be a likely typo.
fn closest<'k>(key: &str, allowed: &[&'k str]) -> Option<&'k str> {
    allowed
        .iter()
        .map(|candidate| (edit_distance(key, candidate), *candidate))
        .filter(|(distance, candidate)| *distance <= 2.max(candidate.len() / 4))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous + usize::from(ca != *cb);
            previous = row[j + 1];
            row[j + 1] = substitute.min(row[j] + 1).min(previous + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_find_their_key() {
        let keys = ["question", "guidance", "evidence", "levels"];
        assert_eq!(closest("guidence", &keys), Some("guidance"));
        assert_eq!(closest("level", &keys), Some("levels"));
        assert_eq!(closest("colour", &keys), None);
    }

    #[test]
    fn edit_distance_counts_changes() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("same", "same"), 0);
    }
}
