//! `carecheck guide`: the guided walk as plain lines, for a screen reader, a braille display, a
//! dumb terminal, a slow remote link or a script.
//!
//! One item at a time: its id and question, what good looks like, the evidence expected and
//! the answer it has now, then a one-line prompt. It reads standard input a line at a time and
//! writes plain text only (no cursor movement, no colour, every stored text through the
//! escaper), and each answer goes through the same door as `carecheck answer` and is saved at
//! once, so stopping at any point (`q`, end of input, a closed window) loses nothing.

use std::io::{BufRead, IsTerminal, Read, Write};
use std::process::ExitCode;

use super::answer::try_save;
use super::{CommandResult, Context, Failure};
use crate::domain::answering::{AnswerError, Change};
use crate::domain::assessment::{Answer, Status};
use crate::domain::checklist::{AnswerKind, Item, ItemRef};
use crate::domain::date::{DATE_HINT, Date};
use crate::domain::progress::{Outcome, outcome};
use crate::text::{multi_line, one_line};
use crate::workspace::{Access, Loaded};

/// The longest line read as one answer; the DSPT's longest reason fits many times over.
const MAX_LINE: u64 = 64 * 1024;

const KEYS: &str = "y yes, p partial, n no, a not applicable, s skip, ? more, q quit";

/// Where the walk reads from and writes to; `echo` repeats each line read, so the transcript
/// of a script (whose input the terminal does not show) reads as a conversation.
pub struct Console<'c> {
    pub input: &'c mut dyn BufRead,
    pub out: &'c mut dyn Write,
    pub echo: bool,
}

impl Console<'_> {
    /// Writes `prompt` and reads one line, trimmed; `None` at the end of input.
    fn ask(&mut self, prompt: &str) -> Result<Option<String>, Failure> {
        write!(self.out, "{prompt} > ")?;
        self.out.flush()?;
        // A line is read as bytes, at most MAX_LINE of them, so neither text that is not
        // UTF-8 nor an endless line can stop the walk.
        let mut bytes = Vec::new();
        let read = (&mut self.input)
            .take(MAX_LINE)
            .read_until(b'\n', &mut bytes)
            .map_err(|e| Failure::new(format!("cannot read standard input: {e}")))?;
        if read == 0 {
            writeln!(self.out)?;
            return Ok(None);
        }
        let line = String::from_utf8_lossy(&bytes).trim().to_owned();
        if self.echo {
            writeln!(self.out, "{}", one_line(&line))?;
        }
        Ok(Some(line))
    }
}

/// Runs the walk on standard input and output.
pub fn run_stdio(
    ctx: &Context,
    query: Option<&str>,
    all: bool,
    out: &mut dyn Write,
) -> CommandResult {
    let stdin = std::io::stdin();
    let echo = !stdin.is_terminal();
    let mut input = stdin.lock();
    run(
        ctx,
        query,
        all,
        &mut Console {
            input: &mut input,
            out,
            echo,
        },
    )
}

/// What one item's turn ended with.
enum Turn {
    Next,
    Quit,
}

pub fn run(
    ctx: &Context,
    query: Option<&str>,
    all: bool,
    console: &mut Console<'_>,
) -> CommandResult {
    let mut loaded = ctx.workspace.load(query, Access::Write)?;
    let queue = queue(&loaded, all);
    let total: usize = loaded.checklists.iter().map(|c| c.item_count()).sum();
    writeln!(
        console.out,
        "Guided walk of {}: {} of {total} items{}. Each answer is saved as you give it.",
        one_line(&loaded.assessment().id),
        queue.len(),
        if all { "" } else { " to answer or confirm" },
    )?;
    writeln!(console.out, "Keys: {KEYS}.")?;
    for (number, key) in queue.iter().enumerate() {
        let Some(item) = loaded
            .find_item(&key.to_string())
            .ok()
            .map(|(_, i)| i.clone())
        else {
            continue;
        };
        writeln!(console.out)?;
        writeln!(
            console.out,
            "Item {} of {}: {key} {}",
            number + 1,
            queue.len(),
            one_line(&item.title)
        )?;
        show(&loaded, key, &item, console.out)?;
        if let Turn::Quit = turn(ctx, &mut loaded, key, &item, console)? {
            writeln!(console.out, "Stopped. Every answer given is saved.")?;
            return Ok(ExitCode::SUCCESS);
        }
    }
    writeln!(console.out)?;
    writeln!(
        console.out,
        "End of the walk. Every answer given is saved; `carecheck status` shows where you stand."
    )?;
    Ok(ExitCode::SUCCESS)
}

/// The items to walk, in checklist order: with `all` every one, else those with no answer and
/// those carried forward from last year that still wait to be confirmed.
fn queue(loaded: &Loaded, all: bool) -> Vec<ItemRef> {
    loaded
        .checklists
        .iter()
        .flat_map(|c| {
            c.sections.iter().flat_map(|s| &s.items).map(|i| ItemRef {
                checklist: c.id.clone(),
                item: i.id.clone(),
            })
        })
        .filter(|key| {
            all || loaded
                .effective
                .answer(key)
                .is_none_or(|a| a.status == Status::Unanswered || a.carried.is_some())
        })
        .collect()
}

/// Whether the item's own answer was carried forward from last year and waits to be confirmed.
fn carried(loaded: &Loaded, key: &ItemRef) -> bool {
    loaded.own_answer(key).0.carried.is_some()
}

/// The question, what good looks like (its first paragraph), the evidence expected and the
/// answer now.
fn show(loaded: &Loaded, key: &ItemRef, item: &Item, out: &mut dyn Write) -> Result<(), Failure> {
    writeln!(out, "Question: {}", one_line(&item.question))?;
    let first = item.guidance.split("\n\n").next().unwrap_or_default();
    writeln!(out, "What good looks like: {}", one_line(first))?;
    if !item.evidence.is_empty() {
        let evidence: Vec<String> = item
            .evidence
            .iter()
            .map(|e| one_line(e).into_owned())
            .collect();
        writeln!(out, "Evidence expected: {}", evidence.join("; "))?;
    }
    if let Some(label) = item.answer.label() {
        writeln!(out, "Asks for: {}{}", one_line(label), form(&item.answer))?;
    }
    let now = loaded.effective.answer(key).cloned().unwrap_or_default();
    writeln!(out, "Answer now: {}", answer_now(item, &now))?;
    if carried(loaded, key) {
        writeln!(
            out,
            "c confirms it is still true; answering afresh confirms it too."
        )?;
    }
    Ok(())
}

/// "Yes, value 95%, to confirm (carried forward from last year)".
fn answer_now(item: &Item, answer: &Answer) -> String {
    let mut words = answer.status.label().to_owned();
    if let Some(value) = &answer.value {
        words.push_str(&format!(
            ", value {}",
            one_line(&shown(&item.answer, value))
        ));
    }
    if let Some(reason) = &answer.justification {
        words.push_str(&format!(", because: {}", one_line(reason)));
    }
    if answer.carried.is_some() {
        words.push_str(", to confirm (carried forward from last year)");
    }
    words
}

/// A value as people read it: a date in UK form, a percentage with its sign.
fn shown(kind: &AnswerKind, value: &str) -> String {
    match kind {
        AnswerKind::Date { .. } => Date::parse(value).map_or_else(|| value.to_owned(), Date::uk),
        AnswerKind::Percentage { .. } => format!("{}%", value.trim_end_matches('%')),
        _ => value.to_owned(),
    }
}

/// The core's words as a sentence: its first letter a capital.
fn sentence(words: &str) -> String {
    let words = one_line(words);
    let mut chars = words.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

fn form(kind: &AnswerKind) -> String {
    match kind {
        AnswerKind::Date { .. } => format!(" (a date, {DATE_HINT})"),
        AnswerKind::Percentage { .. } => " (a number from 0 to 100)".to_owned(),
        AnswerKind::WholeNumber { .. } => " (a whole number)".to_owned(),
        AnswerKind::Text { .. } | AnswerKind::Status => String::new(),
    }
}

/// One item: read keys until it is answered, skipped or the user quits.
fn turn(
    ctx: &Context,
    loaded: &mut Loaded,
    key: &ItemRef,
    item: &Item,
    console: &mut Console<'_>,
) -> Result<Turn, Failure> {
    loop {
        let Some(line) = console.ask(&format!("Answer ({KEYS})"))? else {
            return Ok(Turn::Quit);
        };
        let status = match line.to_lowercase().as_str() {
            "q" | "quit" => return Ok(Turn::Quit),
            "s" | "skip" => return Ok(Turn::Next),
            "?" | "more" => {
                more(key, item, console.out)?;
                continue;
            }
            "c" | "confirm" if carried(loaded, key) => {
                match try_save(ctx, loaded, key, item, &[Change::Confirm])? {
                    Ok(saved) => saved_line(key, item, &saved, ctx.today(), console.out)?,
                    Err(refused) => writeln!(console.out, "{}.", sentence(&refused.to_string()))?,
                }
                return Ok(Turn::Next);
            }
            "y" => Status::Yes,
            "p" => Status::Partial,
            "n" => Status::No,
            "a" => Status::NotApplicable,
            "t" => Status::Alternative,
            "u" => Status::Unanswered,
            other => match other.parse::<Status>() {
                Ok(status) => status,
                Err(_) => {
                    writeln!(
                        console.out,
                        "Not a choice here: {}. Type one of: {KEYS}.",
                        one_line(&line)
                    )?;
                    continue;
                }
            },
        };
        match answer(ctx, loaded, key, item, status, console)? {
            Some(saved) => {
                saved_line(key, item, &saved, ctx.today(), console.out)?;
                return Ok(Turn::Next);
            }
            None => writeln!(console.out, "Not saved; answer again, or s to skip.")?,
        }
    }
}

/// Saves `status` (with a value for an item that asks for one), asking for whatever the
/// answering core says is missing. `None` when the user gave up on it.
fn answer(
    ctx: &Context,
    loaded: &mut Loaded,
    key: &ItemRef,
    item: &Item,
    status: Status,
    console: &mut Console<'_>,
) -> Result<Option<Answer>, Failure> {
    let mut changes = vec![Change::Status(status)];
    if let Some(label) = item.answer.label()
        && matches!(status, Status::Yes | Status::Partial | Status::Alternative)
    {
        let prompt = format!(
            "{}{} (Enter to leave it as it is)",
            one_line(label),
            form(&item.answer)
        );
        match console.ask(&prompt)? {
            None => return Ok(None),
            Some(value) if value.is_empty() => {}
            Some(value) => changes.push(Change::Value(value)),
        }
    }
    loop {
        let refused = match try_save(ctx, loaded, key, item, &changes)? {
            Ok(saved) => return Ok(Some(saved)),
            Err(refused) => refused,
        };
        writeln!(console.out, "{}.", sentence(&refused.to_string()))?;
        let (prompt, is_value) = match refused {
            AnswerError::JustificationNeeded => ("How is it met another way".to_owned(), false),
            AnswerError::ReasonNeeded => ("Why does it not apply here".to_owned(), false),
            AnswerError::BadValue(_) => {
                let label = one_line(item.answer.label().unwrap_or("Value")).into_owned();
                (format!("{label}{}", form(&item.answer)), true)
            }
            AnswerError::NoValueAsked
            | AnswerError::Inherited { .. }
            | AnswerError::NoSuchEvidence { .. } => return Ok(None),
        };
        match console.ask(&format!("{prompt} (Enter to go back)"))? {
            Some(text) if !text.is_empty() => {
                // The new text replaces what the core refused.
                changes.retain(|c| match c {
                    Change::Value(_) => !is_value,
                    Change::Justification(_) => is_value,
                    _ => true,
                });
                changes.push(if is_value {
                    Change::Value(text)
                } else {
                    Change::Justification(text)
                });
            }
            _ => return Ok(None),
        }
    }
}

/// "Saved: dspt-social-care:1.1.1 Yes, value ZA123456." and, when the answer does not meet the
/// item yet, why.
fn saved_line(
    key: &ItemRef,
    item: &Item,
    saved: &Answer,
    today: Date,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    writeln!(out, "Saved: {key} {}.", answer_now(item, saved))?;
    if let Outcome::Gap { reason } = outcome(item, saved, today)
        && !saved.status.is_gap()
        && saved.status != Status::Unanswered
    {
        writeln!(out, "Not met yet: {}.", one_line(&reason))?;
    }
    Ok(())
}

/// Everything else about the item: the whole guidance, references, cautions, where else the
/// answer counts, and the less common keys.
fn more(key: &ItemRef, item: &Item, out: &mut dyn Write) -> Result<(), Failure> {
    writeln!(out, "Guidance:")?;
    for line in multi_line(&item.guidance).lines() {
        if line.trim().is_empty() {
            writeln!(out)?;
        } else {
            writeln!(out, "  {line}")?;
        }
    }
    if let Some(caution) = &item.caution {
        writeln!(out, "Caution: {}", one_line(caution))?;
    }
    if let Some(months) = item.review_months {
        writeln!(out, "Review every {months} months.")?;
    }
    for reference in &item.references {
        match &reference.url {
            Some(url) => writeln!(
                out,
                "See: {} ({})",
                one_line(&reference.title),
                one_line(url)
            )?,
            None => writeln!(out, "See: {}", one_line(&reference.title))?,
        }
    }
    writeln!(
        out,
        "More keys: t met another way (asks how), u clear the answer. To add notes, evidence or an action: carecheck answer {key} STATUS --note ... (see carecheck answer --help)."
    )?;
    Ok(())
}
