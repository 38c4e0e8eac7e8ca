//! A record's fields declared once. Each record (a supplier, a risk) has one table of
//! [`Field`]s, and every door reads it: `show` and the TUI's record in full print its facts,
//! the CSV writes its columns, the form offers its inputs, the PDF prints its cells, and the
//! CLI's flags are checked against it (or built from it). A row is a struct literal with no
//! defaults, so a new field must say what each door does with it, and the compiler points at
//! any door left undecided. The record's serde stays on the struct (the file format); a test
//! holds the table's keys and the serialised names to each other.

/// How a form takes a field's value (the TUI maps each to its own input).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    Text,
    /// What a supplier provides: service names separated by commas.
    Services,
    /// One of these values, and only these.
    Choice(&'static [&'static str]),
    /// A date as people type it; empty for none.
    Date,
    /// A date, `yes`, `no`, or empty for not recorded.
    Agreement,
    /// A whole number of hours.
    Hours,
    /// 1 to 5.
    Score,
    /// Checklist items, by id, separated by commas.
    Items,
    /// Suppliers in the register, by name, separated by commas.
    Suppliers,
    /// An identifier whose shape is checked on saving (`domain::identifiers`); the hint
    /// names the shape.
    Identifier(&'static str),
}

/// One input of a record's form.
pub struct FormInput<R: 'static> {
    /// The label the form shows (and refusals name).
    pub label: &'static str,
    pub input: Input,
    /// Where it sits in the form, lowest first: a form follows the order a manager reads
    /// the record off its paperwork, not the file's order.
    pub place: u8,
    /// The text the form opens with.
    pub text: fn(&R) -> String,
    /// Whether the typed text is set through the row's [`Field::set`]; otherwise the
    /// record's own edit rule reads it by its label (fields that depend on each other).
    pub by_table: bool,
}

/// One CSV column.
pub struct Column<R: 'static> {
    pub header: &'static str,
    /// The cell: empty for nothing recorded (never a dash, which a formula guard would mangle).
    pub value: fn(&R) -> String,
}

/// What the printed register does with a field.
pub enum Paper<R: 'static> {
    /// A column of the printed table: its header, relative width, whether its text is the
    /// body size (otherwise small), and its lines (stored text is made safe by the printer).
    Cell {
        header: &'static str,
        width: f32,
        body: bool,
        lines: fn(&R) -> Vec<String>,
    },
    /// Printed inside another field's cell (that field's key).
    Within(&'static str),
    /// Not on the printed table, and why.
    Omitted(&'static str),
}

/// The command line's flags for a field.
pub enum Flag {
    /// Declared by the command itself (their rules join fields): a test checks they exist.
    Own(&'static [&'static str]),
    /// `--KEY TEXT` (its key with `-` for `_`), built from this table with this help and
    /// set through [`Field::set`].
    FromTable { help: &'static str },
    /// Not set from the command line, and why.
    Never(&'static str),
}

/// One field of a record `R`: every door's decision about it.
pub struct Field<R: 'static> {
    /// The serialised name (JSON and the save file).
    pub key: &'static str,
    /// The labelled lines `show` and the TUI's record in full print (none when another
    /// field's lines include it, or it is printed by its own section).
    pub facts: fn(&R) -> Vec<(&'static str, String)>,
    pub columns: &'static [Column<R>],
    pub form: &'static [FormInput<R>],
    pub paper: Paper<R>,
    pub flag: Flag,
    /// Sets the field from typed text (a form input or the flag built from the table); only
    /// for fields with no rule joining them to others.
    pub set: Option<Setter<R>>,
}

/// Sets a field from typed text, or says why the text will not do.
pub type Setter<R> = fn(&mut R, &str) -> Result<(), String>;

/// One column of the printed table (a [`Paper::Cell`] row's parts).
pub struct PaperCell<R: 'static> {
    pub header: &'static str,
    pub width: f32,
    pub body: bool,
    pub lines: fn(&R) -> Vec<String>,
}

/// The field with this key.
pub fn by_key<R>(table: &'static [Field<R>], key: &str) -> Option<&'static Field<R>> {
    table.iter().find(|f| f.key == key)
}

/// Every labelled fact of `record`, in the table's order.
pub fn facts<R>(table: &[Field<R>], record: &R) -> Vec<(&'static str, String)> {
    table.iter().flat_map(|f| (f.facts)(record)).collect()
}

/// The form's inputs, in their places.
pub fn form_inputs<R>(table: &'static [Field<R>]) -> Vec<&'static FormInput<R>> {
    let mut inputs: Vec<&FormInput<R>> = table.iter().flat_map(|f| f.form.iter()).collect();
    inputs.sort_by_key(|i| i.place);
    inputs
}

/// The printed table's columns, in the table's order.
pub fn paper_cells<R>(table: &'static [Field<R>]) -> Vec<PaperCell<R>> {
    table
        .iter()
        .filter_map(|f| match f.paper {
            Paper::Cell {
                header,
                width,
                body,
                lines,
            } => Some(PaperCell {
                header,
                width,
                body,
                lines,
            }),
            Paper::Within(_) | Paper::Omitted(_) => None,
        })
        .collect()
}

/// The command-line flag name of a field whose flag is built from the table.
pub fn flag_name(key: &str) -> String {
    key.replace('_', "-")
}

/// Text "as typed": trimmed.
pub fn text(value: &str) -> String {
    value.trim().to_owned()
}

/// "-" for nothing recorded, for people reading a list of facts.
pub fn dash(text: &str) -> String {
    if text.trim().is_empty() {
        "-".to_owned()
    } else {
        text.to_owned()
    }
}

/// The JSON keys a record serialises to when every field is filled: what its table must cover.
#[cfg(test)]
pub fn serialised_keys<T: serde::Serialize>(full: &T) -> Vec<String> {
    match serde_json::to_value(full) {
        Ok(serde_json::Value::Object(map)) => map.keys().cloned().collect(),
        other => panic!("a record serialises to an object, not {other:?}"),
    }
}
