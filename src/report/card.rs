//! The incident card: one A4 sheet to pin by the phone, read by a senior carer on a night
//! shift during an attack, at arm's length: the site's address for a 999 call, the numbers to
//! ring (each whole, on one line, in bold type of at least 12 points), where the paper records
//! are kept, and the first hour of each common incident.
//!
//! Readable sizes are a rule, not a hope: numbers and other bold text at least 12 points,
//! everything else at least 10 ([`NUMBER_FLOOR`], [`TEXT_FLOOR`]). The card is laid out at
//! the largest body size that fits one side; when even the floor does not fit, it becomes two
//! sides of one sheet (front: who to ring and the first five minutes; back: the first hour by
//! incident), each side saying so; it never shrinks below the floor, and refuses a plan that
//! does not fit two sides. The large card (for the office wall) is set at 14 points and more,
//! with one incident per side.

use super::document::{DocumentKind, Finish, finish};
use super::layout::{Block, Cell, Colour, Page, PageSpec, Placed, TextStyle, layout};
use super::pdf;
use super::plan_export::{ring_label, short_name};
use super::{Pack, layout::A4};
use crate::continuity::PlanView;
use crate::domain::date::{Date, Timestamp};
use crate::domain::phone::Phone;
use crate::domain::plan::{HelpdeskFrom, NationalContact, Number, Ring, Role};
use crate::text::one_line;

/// A4 with narrow margins (7 mm, which home printers manage): a card has no use for wide
/// ones. The top margin leaves room for the line that says which side is which.
const CARD: PageSpec = PageSpec {
    margin: 20.0,
    top: 30.0,
    bottom: 18.0,
    ..A4
};

/// The smallest a phone number, or any bold text, is printed (points).
pub const NUMBER_FLOOR: f32 = 12.0;
/// The smallest any other text is printed (points): about what fluent reading needs at 60 cm.
pub const TEXT_FLOOR: f32 = 10.0;

/// Body sizes tried, largest first; the last is the floor.
const SIZES: [f32; 5] = [12.0, 11.5, 11.0, 10.5, TEXT_FLOOR];
/// The large card's smallest body size, and the sizes tried for each of its sides.
const LARGE: f32 = 14.0;
const LARGE_SIZES: [f32; 6] = [24.0, 21.0, 19.0, 17.0, 15.5, LARGE];

/// Which card to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardSize {
    /// One A4 sheet, one side or two.
    Sheet,
    /// For the office wall: the numbers, then one incident per side, at 14 points and more.
    Large,
}

/// Builds the incident card (one sheet).
pub fn incident_card(view: &PlanView, generated: Timestamp) -> Result<Pack, String> {
    incident_card_sized(view, generated, CardSize::Sheet)
}

/// Builds the incident card at `size`. Fails only if the sheet would need more than two sides
/// at the smallest readable type.
pub fn incident_card_sized(
    view: &PlanView,
    generated: Timestamp,
    size: CardSize,
) -> Result<Pack, String> {
    let lay_out = |fonts: &pdf::Fonts| match size {
        CardSize::Sheet => fit(view, fonts).map(|(_, pages)| pages),
        CardSize::Large => Ok(large(view, fonts)),
    };
    let meta = pdf::Metadata {
        title: format!("Incident card: {}", one_line(&view.place())),
        author: view.organisation.clone(),
        subject: "What to do in the first hour of a cyber or data incident, and who to ring".into(),
        keywords: vec!["carecheck".into(), "incident card".into()],
        created: generated,
        bookmarks: vec![(1, "Incident card".into(), 0)],
        manifest: Some(
            super::manifest::for_plan(super::manifest::DocumentKind::IncidentCard, view, generated)
                .to_json(),
        ),
    };
    let document = Finish {
        kind: DocumentKind::IncidentCard,
        spec: CARD,
        meta,
    };
    finish(document, &lay_out)
}

/// The type of a card laid out at body size `body`.
#[derive(Debug, Clone, Copy)]
struct Type {
    body: TextStyle,
    /// Numbers, incident titles and every other bold run.
    bold: TextStyle,
    heading: TextStyle,
    title: TextStyle,
}

impl Type {
    fn at(body: f32) -> Type {
        let style = |size: f32, bold: bool| TextStyle {
            size,
            bold,
            mono: false,
            colour: Colour::Black,
        };
        let bold = (body * 1.2).max(NUMBER_FLOOR);
        Type {
            body: style(body.max(TEXT_FLOOR), false),
            bold: style(bold, true),
            heading: style(bold * 1.15, true).colour(Colour::Blue),
            title: style(bold * 1.55, true).colour(Colour::Red),
        }
    }
}

/// The card on one side at the largest size that fits, else on the two sides of the sheet;
/// the body size and the pages.
fn fit(view: &PlanView, fonts: &pdf::Fonts) -> Result<(f32, Vec<Page>), String> {
    for sides in [1, 2] {
        for size in SIZES {
            if let Some(pages) = sheet(view, fonts, Type::at(size)).filter(|p| p.len() == sides) {
                return Ok((size, pages));
            }
        }
    }
    Err(format!(
        "the incident card does not fit on the two sides of one sheet even at the smallest readable type ({TEXT_FLOOR} points): shorten the first-hour steps or the contacts' notes (`carecheck plan show`)"
    ))
}

/// The card at type `t` on at most two sides: the front (which may run onto the back), then
/// the incidents in columns after it, on the same side when they fit there, else at the top
/// of the back. `None` when that takes more than two sides.
fn sheet(view: &PlanView, fonts: &pdf::Fonts, t: Type) -> Option<Vec<Page>> {
    let heading = Block::titled("WHAT HAS HAPPENED?", 2, t.heading);
    let mut with_heading = front(view, t);
    with_heading.push(heading.clone());
    let mut pages = layout(&with_heading, fonts, CARD);
    let after = pages.last().map(|p| bottom(&p.items))?;
    let mut placed = None;
    if pages.len() <= 2 {
        placed = columns(view, t, fonts, after);
    }
    if placed.is_none() {
        // The incidents start the back.
        pages = layout(&front(view, t), fonts, CARD);
        if pages.len() != 1 {
            return None;
        }
        let mut back = layout(&[heading], fonts, CARD);
        let after = back.first().map(|p| bottom(&p.items))?;
        placed = columns(view, t, fonts, after);
        pages.append(&mut back);
    }
    let last = pages.last_mut()?;
    last.items.extend(placed?);
    if pages.len() == 2 {
        mark_sides(&mut pages, view, t);
    }
    Some(pages)
}

/// How far down the page what is placed reaches.
fn bottom(items: &[Placed]) -> f32 {
    items
        .iter()
        .map(|item| match item {
            Placed::Text { y, style, .. } => y + style.size * 0.3,
            Placed::Rect { y, height, .. } | Placed::Link { y, height, .. } => y + height,
            Placed::Mark(_) => CARD.top,
        })
        .fold(CARD.top, f32::max)
}

/// Space between the incident columns.
const GUTTER: f32 = 10.0;
const COLUMNS: usize = 3;

/// The incidents in three columns from `top` down, kept in order and balanced so the longest
/// column is as short as it can be, with the footer under them; `None` if they run past the
/// foot of the page.
fn columns(view: &PlanView, t: Type, fonts: &pdf::Fonts, top: f32) -> Option<Vec<Placed>> {
    let text = CARD.width - 2.0 * CARD.margin;
    let width = (text - GUTTER * (COLUMNS - 1) as f32) / COLUMNS as f32;
    let column = |top: f32| PageSpec {
        width: width + 2.0 * CARD.margin,
        top,
        ..CARD
    };
    let mut incidents: Vec<Vec<Block>> = view
        .plan
        .incidents
        .iter()
        .filter(|i| i.incident.on_card)
        .map(|i| {
            vec![
                Block::titled(safe(&i.incident.title), 3, t.bold),
                Block::paragraph(steps_text(view, i), t.body),
                Block::Space(t.body.size * 0.6),
            ]
        })
        .collect();
    if let Some(also) = also_in_the_plan(view) {
        incidents.push(vec![Block::paragraph(also, t.body)]);
    }
    let heights: Vec<f32> = incidents
        .iter()
        .map(|blocks| {
            let pages = layout(blocks, fonts, column(0.0));
            pages.first().map_or(f32::MAX, |p| bottom(&p.items)) * pages.len() as f32
        })
        .collect();
    let mut placed = Vec::new();
    let mut foot = top;
    for (n, range) in balanced(&heights, COLUMNS).into_iter().enumerate() {
        let blocks: Vec<Block> = incidents[range].concat();
        let pages = layout(&blocks, fonts, column(top));
        let [page] = pages.as_slice() else {
            return None;
        };
        foot = foot.max(bottom(&page.items));
        let shift = n as f32 * (width + GUTTER);
        placed.extend(page.items.iter().cloned().map(|item| shifted(item, shift)));
    }
    let footer = layout(
        &[footer(view, t)],
        fonts,
        PageSpec {
            top: foot + 4.0,
            ..CARD
        },
    );
    let [page] = footer.as_slice() else {
        return None;
    };
    placed.extend(page.items.iter().cloned());
    Some(placed)
}

fn shifted(item: Placed, by: f32) -> Placed {
    match item {
        Placed::Text { x, y, text, style } => Placed::Text {
            x: x + by,
            y,
            text,
            style,
        },
        Placed::Rect {
            x,
            y,
            width,
            height,
            colour,
        } => Placed::Rect {
            x: x + by,
            y,
            width,
            height,
            colour,
        },
        Placed::Link {
            x,
            y,
            width,
            height,
            target,
        } => Placed::Link {
            x: x + by,
            y,
            width,
            height,
            target,
        },
        mark @ Placed::Mark(_) => mark,
    }
}

/// Splits `heights` (in order) into at most `parts` runs whose largest sum is smallest.
fn balanced(heights: &[f32], parts: usize) -> Vec<std::ops::Range<usize>> {
    // Binary search on the column height: greedy filling tells whether a height is enough.
    let runs = |limit: f32| {
        let mut runs = Vec::new();
        let mut start = 0;
        let mut sum = 0.0;
        for (i, h) in heights.iter().enumerate() {
            if sum + h > limit && i > start {
                runs.push(start..i);
                start = i;
                sum = 0.0;
            }
            sum += h;
        }
        runs.push(start..heights.len());
        runs
    };
    let mut low = heights.iter().copied().fold(0.0, f32::max);
    let mut high = heights.iter().sum::<f32>().max(low);
    for _ in 0..40 {
        let mid = (low + high) / 2.0;
        if runs(mid).len() <= parts {
            high = mid;
        } else {
            low = mid;
        }
    }
    runs(high)
}

/// Says at the top of each side of a two-sided card that there are two, and what is where.
fn mark_sides(pages: &mut [Page], view: &PlanView, t: Type) {
    let marks = [
        "SIDE 1 OF 2: TURN OVER for the first hour of each incident".to_owned(),
        format!(
            "SIDE 2 OF 2 · {}: the numbers to ring start on the front",
            safe(&view.place())
        ),
    ];
    for (page, mark) in pages.iter_mut().zip(marks) {
        // First, as it is at the top: a screen reader reads the items in order.
        page.items.insert(
            0,
            Placed::Text {
                x: CARD.margin,
                y: CARD.top - 9.0,
                text: mark,
                style: t.bold,
            },
        );
    }
}

/// The large card: the front, then each incident on a side of its own, each in the largest
/// type from 14 points up that fits its side.
fn large(view: &PlanView, fonts: &pdf::Fonts) -> Vec<Page> {
    let largest = |blocks: &dyn Fn(Type) -> Vec<Block>| {
        LARGE_SIZES
            .iter()
            .map(|size| layout(&blocks(Type::at(*size)), fonts, CARD))
            .find(|pages| pages.len() == 1)
            .unwrap_or_else(|| layout(&blocks(Type::at(LARGE)), fonts, CARD))
    };
    let mut pages = largest(&|t| front(view, t));
    for i in view.plan.incidents.iter().filter(|i| i.incident.on_card) {
        pages.extend(largest(&|t| {
            vec![
                Block::paragraph(
                    format!("IF IT GOES WRONG · {}", safe(&view.place())),
                    t.heading,
                ),
                Block::titled(safe(&i.incident.title), 2, t.title),
                Block::paragraph(steps_text(view, i), t.body),
            ]
        }));
    }
    pages
}

fn safe(text: &str) -> String {
    one_line(text).into_owned()
}

/// "11/2026": the month a fact was checked.
fn month(date: Date) -> String {
    date.uk()[3..].to_owned()
}

/// A line to write a missing number on.
const WRITE_IN: &str = "______________";

/// One number to ring: who (with notes under the name, each a line) and the number.
#[derive(Debug, Clone, PartialEq)]
struct Entry {
    who: Vec<String>,
    /// The number in its spaced form, or a line to write one on.
    number: String,
}

impl Entry {
    fn new(who: String, number: Option<&Phone>) -> Entry {
        Entry {
            who: vec![who],
            number: number.map_or_else(|| WRITE_IN.to_owned(), Phone::unbroken),
        }
    }

    fn note(mut self, note: &str) -> Entry {
        let note = note.trim();
        if !note.is_empty() {
            self.who.push(safe(note));
        }
        self
    }
}

/// Every number on the card, in the order a reader needs them: 999, the provider's own (the
/// manager on call and IT support first), the supplier helpdesks, the roles still without a
/// number (a line to write one on), then the national lines.
fn entries(view: &PlanView) -> Vec<Entry> {
    let mut out = vec![Entry {
        who: vec![
            "Someone in danger, or a crime happening now: give the address at the top.".into(),
        ],
        number: "999".into(),
    }];
    let mut own: Vec<_> = view.plan.contacts.iter().collect();
    own.sort_by_key(|(id, c)| (c.role, id.clone()));
    for (_, c) in own {
        let who = format!("{}: {}", c.role.label(), safe(&c.name));
        let entry = match c.number() {
            Number::Checked(phone) => Entry::new(who, Some(&phone)),
            Number::None => Entry {
                who: vec![who],
                number: "email".into(),
            },
            Number::NotANumber(text) => Entry::new(who, None).note(&format!(
                "On file: \"{}\", which is not a phone number: write the number here.",
                safe(text)
            )),
        };
        out.push(entry.note(&c.email).note(&c.notes));
    }
    for h in &view.helpdesks {
        let label = Role::SupplierHelpdesk.label();
        match &h.from {
            HelpdeskFrom::Plan { .. } => {}
            HelpdeskFrom::Register { support } => {
                let who = format!("{label}: {} (supplier register)", safe(&h.name));
                out.push(match Phone::find_in(support) {
                    Some((phone, rest)) => Entry::new(who, Some(&phone)).note(&rest),
                    None => Entry::new(who, None).note(support),
                });
            }
            HelpdeskFrom::Missing => out.push(Entry::new(
                format!(
                    "{label}: {} (critical supplier): not in the plan yet; write the number here",
                    safe(&h.name)
                ),
                None,
            )),
        }
    }
    for role in missing_roles(view) {
        let who = match role {
            Role::ItSupport => {
                "IT support, out of hours: not in the plan yet; write the number here".to_owned()
            }
            Role::Icb => "Integrated care board (ICB): write its number here".to_owned(),
            _ => format!(
                "{}: not in the plan yet; write the number here",
                role.label()
            ),
        };
        out.push(Entry::new(who, None));
    }
    for c in view.starter.contacts.iter().filter(|c| c.phone.is_some()) {
        out.push(national(view, c));
    }
    out
}

/// The mark beside a national number past its review date: "checked 11/2026, due a check".
fn review_mark(checked: Date) -> String {
    format!("checked {}, due a check", month(checked))
}

/// A national line: its short name (with when it was checked, once past its review date),
/// its hours whole (the live-attack route first where there is one), and its
/// number.
fn national(view: &PlanView, c: &NationalContact) -> Entry {
    // Every number was checked on a date (the footer gives the latest); one past its review
    // date says when, so a reader knows it may be out of date.
    let who = if c.checked.review_overdue(view.today) {
        format!(
            "{} · {}",
            safe(&card_name(&c.name)),
            review_mark(c.checked.checked)
        )
    } else {
        safe(&card_name(&c.name))
    };
    // Printed as the source writes it ("03000 616161"), once it reads as a number.
    let number = c
        .phone
        .as_deref()
        .filter(|p| Phone::parse(p).is_ok())
        .map_or_else(|| WRITE_IN.to_owned(), |p| safe(p).replace(' ', "\u{A0}"));
    Entry {
        who: vec![who],
        number,
    }
    .note(c.hours.as_deref().unwrap_or(""))
}

/// A national contact's name as the front of the card lists it: its short name, with the
/// abbreviation the back uses ("Information Commissioner's Office (ICO)").
fn card_name(name: &str) -> String {
    let short = short_name(name);
    match abbreviation(name) {
        Some(abbreviation) if !short.contains(abbreviation) => {
            format!("{short} ({abbreviation})")
        }
        _ => short,
    }
}

/// The abbreviation a name gives in brackets ("ICO", "CSOC"), which the back of the card uses
/// to point to the front.
fn abbreviation(name: &str) -> Option<&str> {
    let open = name.find('(')?;
    let close = open + name[open..].find(')')?;
    let inner = &name[open + 1..close];
    (2..=6)
        .contains(&inner.len())
        .then_some(inner)
        .filter(|a| a.chars().all(|c| c.is_ascii_uppercase()))
}

/// The incidents whose first steps are only in the continuity plan (a power cut, losing the
/// internet, the building), named so the reader knows where to look.
fn also_in_the_plan(view: &PlanView) -> Option<String> {
    let titles: Vec<String> = view
        .plan
        .incidents
        .iter()
        .filter(|i| !i.incident.on_card)
        .map(|i| safe(&i.incident.title))
        .collect();
    (!titles.is_empty()).then(|| {
        format!(
            "Also in the continuity plan, with their first steps: {}.",
            titles.join("; ")
        )
    })
}

/// The provider's roles with no number yet: the plan's one rule for what it lacks
/// ([`crate::domain::plan::EffectivePlan::missing_roles`]), so the card leaves a line to write
/// in for exactly what the plan screen and the printed plan call missing.
fn missing_roles(view: &PlanView) -> Vec<Role> {
    view.plan.missing_roles(&view.helpdesks)
}

/// The numbers as table rows, one entry a row: who (with notes under the name), then the
/// number in bold, all the numbers in one column.
fn number_rows(entries: &[Entry], t: Type) -> Vec<Vec<Cell>> {
    entries
        .iter()
        .map(|e| {
            vec![
                Cell::new(e.who.join("\n"), t.body),
                Cell::new(e.number.clone(), t.bold),
            ]
        })
        .collect()
}

/// The front: the site, where things are, the numbers and the first five minutes.
fn front(view: &PlanView, t: Type) -> Vec<Block> {
    let address = view
        .address
        .as_deref()
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map_or_else(
            || format!("Address and postcode: {WRITE_IN}{WRITE_IN}"),
            |a| format!("Address: {}", safe(a)),
        );
    let mut blocks = vec![
        Block::titled("IF IT GOES WRONG: THE FIRST HOUR", 1, t.title),
        Block::Paragraph {
            cells: vec![
                Cell::new(safe(&view.place()), t.bold),
                Cell::new(
                    format!("· printed {} · keep by the phone", view.today.uk()),
                    t.body,
                ),
            ],
            indent: 0.0,
        },
        Block::paragraph(address, t.bold),
    ];
    blocks.push(Block::Paragraph {
        cells: vec![
            Cell::new("Paper care records and MAR charts:", t.bold),
            Cell::new(paper_records(view), t.body),
        ],
        indent: 0.0,
    });
    blocks.push(Block::Paragraph {
        cells: vec![
            Cell::new("Grab pack:", t.bold),
            Cell::new(format!("kept at {WRITE_IN}{WRITE_IN}"), t.body),
        ],
        indent: 0.0,
    });
    blocks.push(Block::titled("NUMBERS TO RING", 2, t.heading));
    blocks.push(Block::Table {
        widths: vec![4.0, 1.2],
        header: Vec::new(),
        rows: number_rows(&entries(view), t),
    });
    blocks.push(Block::Keep(vec![
        Block::titled("THE FIRST FIVE MINUTES", 2, t.heading),
        Block::paragraph(
            "1. Keep people safe and care going: switch to the paper records.\n2. Do not switch off a computer that looks wrong: unplug its network cable and turn off its Wi-Fi.\n3. Ring the manager on call, then IT support.\n4. Write down what you saw, when, and who you told.",
            t.body,
        ),
    ]));
    blocks
}

/// The services whose paper fallback a night senior reaches for first: care records and
/// medicines (MAR charts).
const PAPER_FIRST: [&str; 2] = ["care-records", "emar"];

/// Where the paper care records and MAR charts are kept, from the plan's services (the
/// starter's suggestion until the provider sets its own), or a line to write it on.
fn paper_records(view: &PlanView) -> String {
    let kept: Vec<String> = view
        .plan
        .services
        .iter()
        .filter(|(id, s)| {
            PAPER_FIRST.contains(&id.as_str())
                || s.template
                    .as_deref()
                    .is_some_and(|t| PAPER_FIRST.contains(&t))
        })
        .map(|(_, s)| s.forms_kept.trim())
        // The starter's suggestion says "(provider to set)": not yet a place to go to.
        .filter(|kept| !kept.is_empty() && !kept.contains("provider to set"))
        .map(|kept| safe(kept.trim_end_matches('.')))
        .collect();
    if kept.is_empty() {
        format!("kept at {WRITE_IN}{WRITE_IN}")
    } else {
        kept.join("; ")
    }
}

/// An incident's steps, numbered, and who to ring.
fn steps_text(view: &PlanView, i: &crate::domain::plan::IncidentSteps) -> String {
    let mut text: Vec<String> = i
        .steps
        .iter()
        .enumerate()
        .map(|(n, s)| format!("{}. {}", n + 1, safe(s)))
        .collect();
    let ring: Vec<String> = i
        .incident
        .ring
        .iter()
        .map(|r| match r {
            Ring::National(id) => view
                .starter
                .contact(id)
                .and_then(|c| abbreviation(&c.name))
                .map_or_else(|| ring_label(view, r), str::to_owned),
            Ring::Local(_) => ring_label(view, r),
        })
        .collect();
    text.push(format!("Ring: {}", safe(&ring.join(", "))));
    text.join("\n")
}

/// What closes the card: the breach duty, and how the national numbers were checked.
fn footer(view: &PlanView, t: Type) -> Block {
    let dates = view.starter.contacts.iter().map(|c| c.checked.checked);
    let checked = match (dates.clone().min(), dates.max()) {
        (Some(first), Some(last)) if first == last => format!(" on {}", first.uk()),
        (Some(first), Some(last)) => format!(" between {} and {}", first.uk(), last.uk()),
        _ => String::new(),
    };
    Block::paragraph(
        format!(
            "Personal data breach: decide within 72 hours whether to report it (DSPT incident tool or ICO); record every breach. National numbers were checked against their sources{checked}; one past its review date says when."
        ),
        t.body,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checklist::plan_starter;
    use crate::domain::date::Date;
    use crate::domain::plan::{Contact, EffectivePlan, Plan};
    use crate::domain::registers::Supplier;

    fn view(plan: &Plan) -> PlanView {
        with_suppliers(plan, &[])
    }

    fn with_suppliers(plan: &Plan, suppliers: &[(&str, Supplier)]) -> PlanView {
        let starter = plan_starter::bundled().expect("starter");
        let effective = EffectivePlan::of(plan, None, &starter);
        let helpdesks = effective.supplier_helpdesks(suppliers.iter().map(|(id, s)| (*id, s)));
        let today = Date::parse("2026-11-28").expect("date");
        PlanView {
            assessment_id: "oak".into(),
            organisation: "Oak House Care".into(),
            site: Some("Leeds".into()),
            head_office: None,
            address: None,
            test: effective.test_standing(today),
            starter,
            plan: effective,
            helpdesks,
            today,
            evidence: crate::continuity::PlanEvidence::all(),
        }
    }

    fn ten_contacts() -> Plan {
        let mut plan = Plan::default();
        for (n, role) in Role::ALL.into_iter().enumerate() {
            plan.contacts.insert(
                format!("c{n}"),
                Contact {
                    role,
                    name: format!("{} for Oak House, named in full", role.label()),
                    phone: format!("0113 496 00{n:02}"),
                    email: String::new(),
                    notes: if n % 2 == 0 {
                        "Out of hours: the on-call number on the office board".into()
                    } else {
                        String::new()
                    },
                },
            );
        }
        plan
    }

    /// The smallest size of bold text and of other text laid out on `pages`.
    fn smallest(pages: &[Page]) -> (f32, f32) {
        let mut bold = f32::MAX;
        let mut other = f32::MAX;
        for item in pages.iter().flat_map(|p| &p.items) {
            if let crate::report::layout::Placed::Text { style, text, .. } = item {
                if text.trim().is_empty() {
                    continue;
                }
                let least = if style.bold { &mut bold } else { &mut other };
                *least = least.min(style.size);
            }
        }
        (bold, other)
    }

    #[test]
    fn a_realistic_card_keeps_readable_type_on_one_sheet() {
        let fonts = pdf::Fonts::load().expect("fonts");
        let (size, pages) = fit(&view(&ten_contacts()), &fonts).expect("fits");
        assert!(pages.len() <= 2, "one sheet");
        assert!(size >= TEXT_FLOOR, "body type {size}pt");
        let (bold, other) = smallest(&pages);
        assert!(
            bold >= NUMBER_FLOOR && other >= TEXT_FLOOR,
            "{bold} {other}"
        );
        // A plan with no contacts yet gets type at least as large as a full one.
        let (empty_size, _) = fit(&view(&Plan::default()), &fonts).expect("fits");
        assert!(empty_size >= size);
    }

    #[test]
    fn the_manager_on_call_it_support_and_the_icb_get_a_line_to_write_in_until_entered() {
        let empty = view(&Plan::default());
        let missing = missing_roles(&empty);
        for role in [Role::OnCallManager, Role::ItSupport, Role::Icb] {
            assert!(missing.contains(&role), "{role:?}");
        }
        assert!(missing_roles(&view(&ten_contacts())).is_empty());
        let entries = entries(&empty);
        let icb = entries
            .iter()
            .find(|e| e.who[0].starts_with("Integrated care board"))
            .expect("the ICB");
        assert_eq!(icb.number, WRITE_IN);
    }

    #[test]
    fn the_card_leaves_blank_exactly_what_the_plan_calls_missing() {
        // Every role every plan needs, but no data protection lead, whom the data breach
        // incident says to ring, nor a supplier helpdesk, which the IT incidents ring: the plan
        // lacks both, so the card has a line to write each in (the plan screen once said
        // "Nothing missing" here while the card left them blank).
        let mut plan = Plan::default();
        for (n, role) in crate::domain::plan::ESSENTIAL_ROLES.into_iter().enumerate() {
            plan.contacts.insert(
                format!("c{n}"),
                Contact {
                    role,
                    name: role.label().to_owned(),
                    phone: format!("0113 496 00{n:02}"),
                    email: String::new(),
                    notes: String::new(),
                },
            );
        }
        let card = view(&plan);
        assert_eq!(
            card.plan.missing_roles(&card.helpdesks),
            [Role::SupplierHelpdesk, Role::DataProtectionLead]
        );
        let blank: Vec<String> = card_lines(&card)
            .into_iter()
            .filter(|l| l.ends_with(&format!("=> {}", WRITE_IN.replace('\u{A0}', " "))))
            .collect();
        let write_in = WRITE_IN.replace('\u{A0}', " ");
        assert_eq!(
            blank,
            [
                format!(
                    "Supplier helpdesk: not in the plan yet; write the number here => {write_in}"
                ),
                format!(
                    "Data protection lead: not in the plan yet; write the number here => {write_in}"
                ),
            ]
        );
        // And with a bank missing too, the card says so, as the plan does.
        plan.contacts.retain(|_, c| c.role != Role::Bank);
        let card = view(&plan);
        assert_eq!(
            card.plan.missing_roles(&card.helpdesks),
            [Role::SupplierHelpdesk, Role::DataProtectionLead, Role::Bank]
        );
        assert!(
            card_lines(&card)
                .iter()
                .any(|l| l.starts_with("Bank: not in the plan yet; write the number here")),
            "{:#?}",
            card_lines(&card)
        );
    }

    /// Each entry as "who (each line) => number", in order.
    fn card_lines(view: &PlanView) -> Vec<String> {
        entries(view)
            .iter()
            .map(|e| {
                format!(
                    "{} => {}",
                    e.who.join(" / "),
                    e.number.replace('\u{A0}', " ")
                )
            })
            .collect()
    }

    #[test]
    fn each_critical_suppliers_helpdesk_is_on_the_card_from_the_plan_or_the_register() {
        let supplier = |name: &str, support: &str| Supplier {
            critical: true,
            support_contact: support.into(),
            ..Supplier::named(name)
        };
        let mut plan = Plan::default();
        plan.contacts.insert(
            "supplier-helpdesk".into(),
            Contact {
                role: Role::SupplierHelpdesk,
                name: "MedsOnline support".into(),
                phone: "0800 000 1111".into(),
                email: String::new(),
                notes: String::new(),
            },
        );
        let card = with_suppliers(
            &plan,
            &[
                (
                    "acme",
                    supplier("Acme Care Records Ltd", "0113 496 0000 (24/7)"),
                ),
                ("meds", supplier("MedsOnline Ltd", "0800 999 9999")),
                ("rota", supplier("RotaCloud", "")),
            ],
        );
        let lines = card_lines(&card);
        // The register's free text is split: the number in its column, the rest under the name.
        assert!(
            lines.contains(
                &"Supplier helpdesk: Acme Care Records Ltd (supplier register) / (24/7) => 0113 496 0000".to_owned()
            ),
            "{lines:#?}"
        );
        // The plan's own contact names MedsOnline, so the register's number is not repeated.
        assert!(
            lines.contains(&"Supplier helpdesk: MedsOnline support => 0800 000 1111".to_owned()),
            "{lines:#?}"
        );
        assert!(
            !lines.iter().any(|l| l.contains("0800 999 9999")),
            "{lines:#?}"
        );
        assert!(
            lines.contains(&format!(
                "Supplier helpdesk: RotaCloud (critical supplier): not in the plan yet; write the number here => {WRITE_IN}"
            )),
            "{lines:#?}"
        );
        assert!(!missing_roles(&card).contains(&Role::SupplierHelpdesk));
    }

    #[test]
    fn a_phone_saved_as_free_text_is_a_note_and_a_line_to_write_on() {
        let mut plan = Plan::default();
        plan.contacts.insert(
            "it-support".into(),
            Contact {
                role: Role::ItSupport,
                name: "Acme IT".into(),
                phone: "ask reception".into(),
                email: String::new(),
                notes: "Contract ACM-1182".into(),
            },
        );
        let lines = card_lines(&view(&plan));
        assert!(
            lines.contains(&format!(
                "IT support: Acme IT / On file: \"ask reception\", which is not a phone number: write the number here. / Contract ACM-1182 => {WRITE_IN}"
            )),
            "{lines:#?}"
        );
    }

    #[test]
    fn the_card_refuses_rather_than_spilling_past_one_sheet() {
        let mut plan = ten_contacts();
        let long: Vec<String> = (0..40)
            .map(|n| format!("Step {n}: a long instruction that goes on and on about what to do"))
            .collect();
        for incident in ["ransomware", "phishing-click", "lost-device"] {
            plan.steps.insert(incident.into(), long.clone());
        }
        let fonts = pdf::Fonts::load().expect("fonts");
        let err = fit(&view(&plan), &fonts).expect_err("refused");
        assert!(err.contains("two sides of one sheet"), "{err}");
    }
}
