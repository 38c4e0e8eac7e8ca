//! Finding the columns a user named (or the DSPT preset expects) among a sheet's headers.
//!
//! Headers are compared with case, spaces and punctuation ignored, so "Evidence Item Ref." and
//! "evidence item ref" are the same column.

use super::grid::{Grid, quoted_list};

/// How far down a sheet the header row is looked for: published lists often start with a
/// title and a blank line or two.
const HEADER_SEARCH_ROWS: usize = 20;

/// The columns the user asked for, by header text.
#[derive(Debug, Clone, Default)]
pub struct Wanted {
    pub id: Option<String>,
    pub question: Option<String>,
    pub title: Option<String>,
    pub guidance: Option<String>,
    pub section: Option<String>,
    pub levels: Vec<LevelRule>,
    /// `--preset dspt --category N`.
    pub dspt_category: Option<u8>,
}

/// `--level ID=COLUMN[:VALUE]`: an item belongs to level `id` when `column` holds `value`
/// (any of yes, y, mandatory, x without one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LevelRule {
    pub id: String,
    pub column: String,
    pub value: Option<String>,
}

impl LevelRule {
    /// Parses `ID=COLUMN[:VALUE]`. A header that itself holds a colon is matched whole first,
    /// when the columns are known ([`Columns::find`]).
    pub fn parse(text: &str) -> Result<LevelRule, String> {
        let (id, rest) = text
            .split_once('=')
            .ok_or_else(|| format!("--level `{text}`: write it as ID=COLUMN or ID=COLUMN:VALUE"))?;
        let (column, value) = match rest.rsplit_once(':') {
            Some((column, value)) if !value.trim().is_empty() => {
                (column, Some(value.trim().to_owned()))
            }
            _ => (rest, None),
        };
        if !crate::domain::checklist::is_item_id(id.trim()) || column.trim().is_empty() {
            return Err(format!(
                "--level `{text}`: write it as ID=COLUMN or ID=COLUMN:VALUE, the ID in letters, digits, `.`, `-` and `_`"
            ));
        }
        Ok(LevelRule {
            id: id.trim().to_owned(),
            column: column.trim().to_owned(),
            value,
        })
    }

    /// Whether a cell puts the item in the level.
    pub fn holds(&self, cell: &str) -> bool {
        let cell = cell.trim();
        match &self.value {
            Some(value) => cell.eq_ignore_ascii_case(value),
            None => ["yes", "y", "mandatory", "x"]
                .iter()
                .any(|v| cell.eq_ignore_ascii_case(v)),
        }
    }
}

/// A level's column, found.
#[derive(Debug, Clone)]
pub struct LevelColumn {
    pub rule: LevelRule,
    pub index: usize,
    /// The header as the sheet writes it.
    pub header: String,
}

/// Where each wanted column is in the sheet.
#[derive(Debug, Clone)]
pub struct Columns {
    /// The index in `grid.rows` of the header row.
    pub header_row: usize,
    pub headers: Vec<String>,
    pub id: usize,
    pub question: usize,
    pub title: Option<usize>,
    pub guidance: Option<usize>,
    pub section: Option<usize>,
    pub levels: Vec<LevelColumn>,
}

impl Columns {
    /// Finds the header row and every wanted column, or says which is missing and which
    /// headers the sheet has.
    pub fn find(grid: &Grid, wanted: &Wanted) -> Result<Columns, String> {
        let preset = wanted.dspt_category.map(dspt_preset);
        let id_names: Vec<String> = match (&wanted.id, &preset) {
            (Some(id), _) => vec![id.clone()],
            (None, Some(p)) => p.id.iter().map(|s| (*s).to_owned()).collect(),
            (None, None) => {
                return Err(
                    "say which column holds the ids: --id-column HEADER (or --preset dspt)"
                        .to_owned(),
                );
            }
        };
        let Some((header_row, id)) = grid
            .rows
            .iter()
            .take(HEADER_SEARCH_ROWS)
            .enumerate()
            .find_map(|(row, cells)| position_of(cells, &id_names, &[]).map(|col| (row, col)))
        else {
            return Err(missing(grid, "id", &id_names, preset.is_some()));
        };
        let headers = grid.rows[header_row].clone();
        let row = &headers;
        let lookup = |given: &Option<String>, fallback: &[&str], taken: &[usize]| match given {
            Some(name) => position_of(row, std::slice::from_ref(name), &[])
                .ok_or_else(|| missing(grid, "", std::slice::from_ref(name), false))
                .map(Some),
            None => Ok(position_of(row, &owned(fallback), taken)),
        };
        let empty: &[&str] = &[];
        let p = preset.as_ref();
        let question = lookup(&wanted.question, p.map_or(empty, |p| p.question), &[id])?
            .ok_or_else(|| match p {
                Some(p) => missing(grid, "evidence text", &owned(p.question), true),
                None => "say which column holds the questions: --question-column HEADER".to_owned(),
            })?;
        let taken = [id, question];
        let title = lookup(&wanted.title, p.map_or(empty, |p| p.title), &taken)?;
        let guidance = lookup(&wanted.guidance, p.map_or(empty, |p| p.guidance), &taken)?;
        let section = lookup(&wanted.section, p.map_or(empty, |p| p.section), &taken)?;
        let mut levels = Vec::new();
        for rule in &wanted.levels {
            levels.push(level_column(grid, row, rule)?);
        }
        if let Some(category) = wanted.dspt_category {
            levels.extend(dspt_levels(grid, row, category, &levels)?);
        }
        Ok(Columns {
            header_row,
            headers,
            id,
            question,
            title,
            guidance,
            section,
            levels,
        })
    }
}

fn owned(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| (*s).to_owned()).collect()
}

/// A header as compared: lower case, letters and digits only.
pub fn normalised(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The first of `names` (in order of preference) that a cell of `row` holds, skipping `taken`.
fn position_of(row: &[String], names: &[String], taken: &[usize]) -> Option<usize> {
    names.iter().find_map(|name| {
        let name = normalised(name);
        row.iter().enumerate().position(|(index, cell)| {
            !taken.contains(&index) && !name.is_empty() && normalised(cell) == name
        })
    })
}

fn level_column(grid: &Grid, row: &[String], rule: &LevelRule) -> Result<LevelColumn, String> {
    // `Status: Cat 3` may be a header with a colon rather than COLUMN:VALUE.
    let whole = rule
        .value
        .as_ref()
        .map(|value| format!("{}:{value}", rule.column));
    if let Some(whole) = whole
        && let Some(index) = position_of(row, std::slice::from_ref(&whole), &[])
    {
        return Ok(LevelColumn {
            rule: LevelRule {
                value: None,
                column: whole,
                ..rule.clone()
            },
            index,
            header: row[index].clone(),
        });
    }
    let index = position_of(row, std::slice::from_ref(&rule.column), &[])
        .ok_or_else(|| missing(grid, "", std::slice::from_ref(&rule.column), false))?;
    Ok(LevelColumn {
        rule: rule.clone(),
        index,
        header: row[index].clone(),
    })
}

/// "no column ... ; the headers found are: ...".
fn missing(grid: &Grid, what: &str, names: &[String], preset: bool) -> String {
    let headers = grid
        .rows
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .find(|row| row.iter().any(|c| !c.is_empty()))
        .map(|row| {
            row.iter()
                .filter(|c| !c.is_empty())
                .cloned()
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    let found = if headers.is_empty() {
        "the sheet is empty".to_owned()
    } else {
        format!("the headers found are: {}", quoted_list(&headers))
    };
    if preset {
        format!(
            "this does not look like the DSPT evidence-item list: no {what} column (looked for {}); {found}. Name the columns yourself with --id-column, --question-column and --level",
            quoted_list(names)
        )
    } else {
        format!("no column headed {}; {found}", quoted_list(names))
    }
}

/// The headers the DSPT spreadsheet is likely to use, best first.
struct Preset {
    id: &'static [&'static str],
    question: &'static [&'static str],
    title: &'static [&'static str],
    guidance: &'static [&'static str],
    section: &'static [&'static str],
}

fn dspt_preset(_category: u8) -> Preset {
    Preset {
        id: &[
            "evidence item reference",
            "evidence item ref",
            "evidence item id",
            "evidence item number",
            "evidence item no",
            "evidence reference",
            "evidence ref",
            "reference",
            "ref",
        ],
        question: &[
            "evidence text",
            "evidence item text",
            "evidence item description",
            "evidence item",
            "evidence description",
            "evidence",
        ],
        title: &["evidence item title", "short title", "title"],
        guidance: &["guidance", "evidence guidance", "tooltip", "help text"],
        section: &[
            "standard",
            "ndg standard",
            "national data guardian standard",
        ],
    }
}

/// The header's words, with letters and digits split ("Cat3" is "cat 3").
fn words(header: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    for c in header.chars().flat_map(char::to_lowercase) {
        let joins = word
            .chars()
            .last()
            .is_some_and(|last| last.is_ascii_digit() == c.is_ascii_digit());
        if (!c.is_alphanumeric() || !joins) && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        if c.is_alphanumeric() {
            word.push(c);
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// A header naming category `n` ("Category 3", "Cat 3 mandatory", "Mandatory for CAT3"),
/// and whether it is the Approaching Standards column.
fn category_header(header: &str, n: u8) -> Option<bool> {
    let words = words(header);
    let has = |w: &str| words.iter().any(|x| x == w);
    let numbers: Vec<&String> = words
        .iter()
        .filter(|w| w.chars().all(|c| c.is_ascii_digit()))
        .collect();
    let names_n =
        (has("cat") || has("category")) && numbers.len() == 1 && numbers[0] == &n.to_string();
    names_n.then(|| has("approaching"))
}

/// The DSPT levels: `met` from the category's mandatory column, `approaching` from its
/// Approaching Standards column where the sheet has one.
fn dspt_levels(
    grid: &Grid,
    row: &[String],
    category: u8,
    given: &[LevelColumn],
) -> Result<Vec<LevelColumn>, String> {
    let mut levels = Vec::new();
    for (id, approaching) in [("met", false), ("approaching", true)] {
        if given.iter().any(|l| l.rule.id == id) {
            continue;
        }
        let found = row
            .iter()
            .position(|h| category_header(h, category) == Some(approaching));
        match found {
            Some(index) => levels.push(LevelColumn {
                rule: LevelRule {
                    id: id.to_owned(),
                    column: row[index].clone(),
                    value: None,
                },
                index,
                header: row[index].clone(),
            }),
            None if !approaching => {
                return Err(missing(
                    grid,
                    &format!("category {category} (mandatory)"),
                    &[
                        format!("Category {category}"),
                        format!("Cat {category} mandatory"),
                    ],
                    true,
                ));
            }
            None => {}
        }
    }
    Ok(levels)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn category_headers_are_recognised_in_their_usual_forms() {
        for header in [
            "Category 3",
            "CAT3",
            "Cat 3 Mandatory",
            "Mandatory for category 3",
        ] {
            assert_eq!(category_header(header, 3), Some(false), "{header}");
        }
        assert_eq!(
            category_header("Cat 3 Approaching Standards", 3),
            Some(true)
        );
        for header in ["Category 2", "Cat 3 and 4", "Evidence text", "33"] {
            assert_eq!(category_header(header, 3), None, "{header}");
        }
    }

    #[test]
    fn level_rules_parse_and_match() {
        let rule = LevelRule::parse("met=Cat 3:Mandatory").expect("rule");
        assert_eq!(rule.column, "Cat 3");
        assert!(rule.holds(" mandatory "));
        assert!(!rule.holds("Non-mandatory"));
        let default = LevelRule::parse("met=Cat 3").expect("rule");
        assert!(
            ["Yes", "y", "MANDATORY", "x"]
                .iter()
                .all(|v| default.holds(v))
        );
        assert!(!default.holds("no"));
        assert!(LevelRule::parse("Cat 3").is_err());
        assert!(LevelRule::parse("bad id=Cat 3").is_err());
    }

    #[test]
    fn headers_compare_without_case_spaces_or_punctuation() {
        assert_eq!(
            normalised(" Evidence Item Ref. "),
            normalised("evidence item ref")
        );
    }
}
