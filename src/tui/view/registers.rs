//! The supplier and risk registers: each a list with what needs attention below it, a record
//! in full, and the form that adds or edits one. Everything a user typed goes through
//! `clean()`; every date is shown dd/mm/yyyy.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::chrome::wrap;
use super::{clean, window};
use crate::domain::progress::Outcome;
use crate::registers::{Mitigation, RegisterView, ReminderKind, RiskStanding, band};
use crate::tui::app::{App, Screen};
use crate::tui::registers::{FormFor, view};
use crate::tui::session::Session;
use crate::tui::theme::Theme;

/// `text` cut or padded to exactly `width` columns, the last one left blank between columns.
fn fit(text: &str, width: usize) -> String {
    let text = clean(text);
    let room = width.saturating_sub(1);
    if text.chars().count() <= room {
        return format!("{text:<width$}");
    }
    let cut: String = text.chars().take(room.saturating_sub(1)).collect();
    format!("{cut}… ")
}

fn is_risks(app: &App) -> bool {
    app.screen == Screen::Risks
}

/// The list's box on top, what needs attention below (sized to its lines, at most a third).
fn split(app: &App, v: &RegisterView, body: Rect) -> [Rect; 2] {
    let inner_width = body.width.saturating_sub(2);
    let info: usize = info_lines(app, v, Theme { colour: false })
        .iter()
        .map(|entry| wrapped(entry, inner_width).len())
        .sum();
    let wanted = u16::try_from(info).unwrap_or(u16::MAX).saturating_add(2);
    // The list keeps room for its rows (and at least a few); what it does not need goes to
    // what needs attention, which otherwise gets two fifths of the screen.
    let rows = if is_risks(app) {
        v.risks.len()
    } else {
        v.suppliers.len()
    };
    let list_needs = u16::try_from(rows)
        .unwrap_or(u16::MAX)
        .saturating_add(3)
        .max(5);
    let info_room = (body.height * 2 / 5).max(body.height.saturating_sub(list_needs));
    Layout::vertical([
        Constraint::Min(5),
        Constraint::Length(wanted.min(info_room).max(3)),
    ])
    .areas(body)
}

/// Where the list's rows are (below its header row).
fn rows_area(list_box: Rect) -> Rect {
    let inner = Block::bordered().inner(list_box);
    Rect {
        y: inner.y + 1,
        height: inner.height.saturating_sub(1),
        ..inner
    }
}

/// Where the rows are, how many there are and which is selected (for mouse clicks).
pub fn list_geometry(app: &App, body: Rect) -> Option<(Rect, usize, usize)> {
    let s = app.session.as_ref()?;
    if app.registers.detail || app.registers.form.is_some() {
        return None;
    }
    let v = view(s);
    let [list, _] = split(app, &v, body);
    Some(if is_risks(app) {
        (rows_area(list), v.risks.len(), app.registers.risks_selected)
    } else {
        (
            rows_area(list),
            v.suppliers.len(),
            app.registers.suppliers_selected,
        )
    })
}

pub fn render(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let Some(s) = &app.session else { return };
    let v = view(s);
    if app.registers.detail {
        let lines = if is_risks(app) {
            v.risks
                .get(app.registers.risks_selected)
                .map(|r| risk_detail(s, r, &v, theme))
        } else {
            v.suppliers
                .get(app.registers.suppliers_selected)
                .map(|c| supplier_detail(c, &v, theme))
        };
        if let Some((title, lines)) = lines {
            detail(app, title, lines, theme, frame, area);
            return;
        }
    }
    let [list, info] = split(app, &v, area);
    if is_risks(app) {
        risk_list(app, &v, theme, frame, list);
    } else {
        supplier_list(app, &v, theme, frame, list);
    }
    let block = Block::bordered().title(Line::styled(" Needs attention ", theme.heading()));
    let room = usize::from(info.height.saturating_sub(2));
    let lines = fitted(
        info_lines(app, &v, theme),
        info.width.saturating_sub(2),
        room,
        theme,
    );
    frame.render_widget(Paragraph::new(lines).block(block), info);
}

/// One entry wrapped at `width` columns, a continuation indented under its first line, so a
/// long reminder is read in full at 80 columns rather than cut at the box's edge.
fn wrapped(entry: &Line<'static>, width: u16) -> Vec<Line<'static>> {
    let style = entry
        .spans
        .first()
        .map_or(entry.style, |span| entry.style.patch(span.style));
    let text: String = entry.spans.iter().map(|s| s.content.as_ref()).collect();
    wrap(&text, usize::from(width).saturating_sub(2))
        .into_iter()
        .enumerate()
        .map(|(i, part)| {
            let indent = if i == 0 { "" } else { "  " };
            Line::styled(format!("{indent}{part}"), style)
        })
        .collect()
}

/// As many whole entries as fit in `room` lines, and when some do not, a last line saying how
/// many entries are left (entries, not lines: a user counts reminders).
fn fitted(
    entries: Vec<Line<'static>>,
    width: u16,
    room: usize,
    theme: Theme,
) -> Vec<Line<'static>> {
    let total: usize = entries.iter().map(|e| wrapped(e, width).len()).sum();
    if total <= room {
        return entries.iter().flat_map(|e| wrapped(e, width)).collect();
    }
    let mut lines = Vec::new();
    let mut shown = 0;
    for entry in &entries {
        let entry = wrapped(entry, width);
        if lines.len() + entry.len() > room.saturating_sub(1) {
            break;
        }
        lines.extend(entry);
        shown += 1;
    }
    if room > 0 {
        lines.push(Line::styled(
            format!(
                "… and {} more: Enter shows a record in full",
                entries.len() - shown
            ),
            theme.dim(),
        ));
    }
    lines
}

/// A list's rows in their box, the selected one highlighted and kept in view.
fn list_box(
    (title, footer): (String, &'static str),
    header: Line<'static>,
    rows: Vec<Line<'static>>,
    selected: usize,
    theme: Theme,
    frame: &mut Frame,
    area: Rect,
) {
    let height = usize::from(rows_area(area).height);
    let start = window(selected, rows.len(), height);
    let mut lines = vec![header.style(theme.dim())];
    lines.extend(
        rows.into_iter()
            .enumerate()
            .skip(start)
            .take(height)
            .map(|(i, line)| {
                if i == selected {
                    line.style(theme.selected())
                } else {
                    line
                }
            }),
    );
    let block = Block::bordered()
        .title(Line::styled(title, theme.heading()))
        .title_bottom(Line::styled(footer, theme.dim()));
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

fn supplier_list(app: &App, v: &RegisterView, theme: Theme, frame: &mut Frame, area: Rect) {
    let width = usize::from(area.width.saturating_sub(2));
    // Name, provides, critical, contract, certificate: the provides column takes what is left.
    let (name_w, crit_w, contract_w, cert_w) = (24, 5, 11, 11);
    let provides_w = width
        .saturating_sub(name_w + crit_w + contract_w + cert_w + 1)
        .max(8);
    let header = Line::raw(format!(
        " {}{}{}{}{}",
        fit("Supplier", name_w),
        fit("Provides", provides_w),
        fit("Crit", crit_w),
        fit("Contract", contract_w),
        fit("CE expires", cert_w)
    ));
    let rows: Vec<Line<'static>> = if v.suppliers.is_empty() {
        vec![Line::styled(
            " No suppliers recorded yet. Press a to add one.",
            theme.warn(),
        )]
    } else {
        v.suppliers
            .iter()
            .map(|c| {
                let s = &c.record;
                let name = if c.inherited {
                    format!("{} ↓HO", s.name)
                } else {
                    s.name.clone()
                };
                let contract = match s.contract {
                    Some(a) if a.in_place => a.dated.map_or("yes".to_owned(), |d| d.uk()),
                    Some(_) => "no".to_owned(),
                    None => "-".to_owned(),
                };
                let cert = s
                    .cyber_essentials
                    .as_ref()
                    .map_or("-".to_owned(), |c| c.expires.uk());
                let warn = v.reminders.iter().any(|r| {
                    r.subject == c.id
                        && matches!(
                            r.kind,
                            ReminderKind::CertificateExpiring | ReminderKind::CertificateExpired
                        )
                });
                Line::from(vec![
                    Span::raw(format!(
                        " {}{}{}{}",
                        fit(&name, name_w),
                        fit(&crate::registers::services_words(s), provides_w),
                        fit(if s.critical { "yes" } else { "no" }, crit_w),
                        fit(&contract, contract_w),
                    )),
                    Span::styled(
                        fit(&cert, cert_w),
                        if warn { theme.warn() } else { theme.dim() },
                    ),
                ])
            })
            .collect()
    };
    let critical = v.suppliers.iter().filter(|s| s.record.critical).count();
    list_box(
        (
            format!(
                " Suppliers: {} recorded, {critical} critical ",
                v.suppliers.len()
            ),
            " a add · e edit · Enter details · x remove · u undo · K risks ",
        ),
        header,
        rows,
        app.registers.suppliers_selected,
        theme,
        frame,
        area,
    );
}

fn mitigation_short(r: &RiskStanding) -> String {
    match r.mitigation {
        Mitigation::NoneLinked => "none linked".to_owned(),
        _ => format!("{} of {} met", r.met.len(), r.met.len() + r.weak.len()),
    }
}

fn risk_list(app: &App, v: &RegisterView, theme: Theme, frame: &mut Frame, area: Rect) {
    let width = usize::from(area.width.saturating_sub(2));
    let (score_w, residual_w, mit_w, owner_w) = (9, 13, 13, 14);
    let title_w = width
        .saturating_sub(score_w + residual_w + mit_w + owner_w + 1)
        .max(10);
    let header = Line::raw(format!(
        " {}{}{}{}{}",
        fit("Risk", title_w),
        fit("L×I", score_w),
        fit("Residual", residual_w),
        fit("Mitigations", mit_w),
        fit("Owner", owner_w)
    ));
    let rows: Vec<Line<'static>> = if v.risks.is_empty() {
        let count = crate::registers::starter_risks().map_or(0, <[_]>::len);
        vec![Line::styled(
            format!(
                " No risks yet. Press T for carecheck's {count} starter risks, or a for your own."
            ),
            theme.warn(),
        )]
    } else {
        v.risks
            .iter()
            .map(|r| {
                let rec = &r.risk.record;
                let title = if r.risk.inherited {
                    format!("{} ↓HO", rec.title)
                } else {
                    rec.title.clone()
                };
                let style = match r.residual {
                    0..=9 => theme.dim(),
                    10..=14 => theme.warn(),
                    _ => theme.error(),
                };
                Line::from(vec![
                    Span::raw(format!(
                        " {}{}",
                        fit(&title, title_w),
                        fit(
                            &format!("{}×{}={}", rec.likelihood, rec.impact, r.inherent),
                            score_w
                        ),
                    )),
                    Span::styled(
                        fit(&format!("{} {}", r.residual, band(r.residual)), residual_w),
                        style,
                    ),
                    Span::raw(format!(
                        "{}{}",
                        fit(&mitigation_short(r), mit_w),
                        fit(
                            if rec.owner.is_empty() {
                                "-"
                            } else {
                                &rec.owner
                            },
                            owner_w
                        )
                    )),
                ])
            })
            .collect()
    };
    let high = v.risks.iter().filter(|r| r.residual >= 10).count();
    list_box(
        (
            format!(
                " Risks: {} recorded, {high} high or very high after controls ",
                v.risks.len()
            ),
            " a add · e edit · T starter risks · Enter details · u undo · S suppliers ",
        ),
        header,
        rows,
        app.registers.risks_selected,
        theme,
        frame,
        area,
    );
}

/// What needs attention under a list: reminders and, for suppliers, what rests on one.
fn info_lines(app: &App, v: &RegisterView, theme: Theme) -> Vec<Line<'static>> {
    let risks = is_risks(app);
    let mut out = Vec::new();
    let inherited = if risks {
        v.risks.iter().any(|r| r.risk.inherited)
    } else {
        v.suppliers.iter().any(|s| s.inherited)
    };
    if inherited {
        out.push(Line::styled(
            "↓HO: from the head office's register, read-only at this site",
            theme.dim(),
        ));
    }
    if !risks {
        for single in &v.concentration.single_supplier {
            out.push(Line::raw(format!(
                "{}: only {}",
                single.service.label(),
                clean(&single.name)
            )));
        }
        if let Some(top) = v.concentration.by_supplier.first() {
            out.push(Line::raw(clean(&top.describe())));
        }
    }
    if risks {
        // Which risks stay high, and which unanswered or failed items keep them there.
        for r in v
            .risks
            .iter()
            .filter(|r| r.residual >= 10 && !r.weak.is_empty())
        {
            let items: Vec<String> = r.weak.iter().map(|w| clean(&w.item.item)).collect();
            out.push(Line::raw(format!(
                "{} stays {} until met: {}",
                clean(&r.risk.record.title),
                band(r.residual),
                items.join(", ")
            )));
        }
    }
    for r in v
        .reminders
        .iter()
        .filter(|r| (r.kind == ReminderKind::RiskReview) == risks)
    {
        out.push(Line::styled(reminder_text(r, v), theme.warn()));
    }
    if out.is_empty() {
        out.push(Line::styled("Nothing due.", theme.dim()));
    }
    out
}

/// A reminder in this screen's terms: a supplier never reviewed is fixed on its form here,
/// not with the command the CLI's wording names.
fn reminder_text(r: &crate::registers::Reminder, v: &RegisterView) -> String {
    match (r.kind, r.date, v.supplier(&r.subject)) {
        (ReminderKind::SupplierReview, None, Some(s)) => format!(
            "{}: never reviewed; e, then fill in Last reviewed",
            clean(&s.record.name)
        ),
        _ => clean(&r.text),
    }
}

/// A record in full, scrolled, saying when there is more below.
fn detail(
    app: &App,
    title: String,
    lines: Vec<Line<'static>>,
    theme: Theme,
    frame: &mut Frame,
    area: Rect,
) {
    let inner_height = area.height.saturating_sub(2);
    let paragraph = Paragraph::new(lines).wrap(Wrap { trim: false });
    let total =
        u16::try_from(paragraph.line_count(area.width.saturating_sub(2))).unwrap_or(u16::MAX);
    let scroll = app.registers.scroll.min(total.saturating_sub(inner_height));
    let more = if total > inner_height + scroll {
        " ↓ more (j/↓) "
    } else {
        ""
    };
    let block = Block::bordered()
        .title(Line::styled(format!(" {title} "), theme.heading()))
        .title_bottom(Line::styled(" e edit · Esc back to the list ", theme.dim()))
        .title_bottom(Line::styled(more, theme.dim()).right_aligned());
    frame.render_widget(paragraph.block(block).scroll((scroll, 0)), area);
}

fn supplier_detail(
    c: &crate::registers::Counted<crate::domain::registers::Supplier>,
    v: &RegisterView,
    theme: Theme,
) -> (String, Vec<Line<'static>>) {
    let s = &c.record;
    let mut lines = Vec::new();
    if c.inherited {
        lines.push(Line::styled(
            "From the head office's register: read-only at this site.",
            theme.dim(),
        ));
    }
    for (label, value) in crate::registers::supplier_facts(s) {
        lines.push(Line::from(vec![
            Span::styled(format!("{label:<27}"), theme.dim()),
            Span::raw(clean(&value)),
        ]));
    }
    for e in &s.evidence {
        lines.push(Line::raw(format!(
            "Evidence: {}",
            clean(e.source.describe())
        )));
    }
    if !s.answers.is_empty() {
        lines.push(Line::raw(format!(
            "Answers to carecheck's supplier questions: {} recorded (carecheck supplier ask)",
            s.answers.len()
        )));
    }
    let mitigates: Vec<String> = v
        .risks
        .iter()
        .filter(|r| r.risk.record.suppliers.contains(&c.id))
        .map(|r| clean(&r.risk.record.title))
        .collect();
    if !mitigates.is_empty() {
        lines.push(Line::raw(format!("Mitigates: {}", mitigates.join(", "))));
    }
    for r in v.reminders.iter().filter(|r| r.subject == c.id) {
        lines.push(Line::styled(
            format!("Reminder: {}", reminder_text(r, v)),
            theme.warn(),
        ));
    }
    (clean(&s.name), lines)
}

fn risk_detail(
    s: &Session,
    r: &RiskStanding,
    v: &RegisterView,
    theme: Theme,
) -> (String, Vec<Line<'static>>) {
    let rec = &r.risk.record;
    let mut lines = Vec::new();
    if r.risk.inherited {
        lines.push(Line::styled(
            "From the head office's register: read-only at this site.",
            theme.dim(),
        ));
    }
    if !rec.description.is_empty() {
        lines.push(Line::raw(clean(&rec.description)));
    }
    lines.push(Line::raw(format!(
        "Before controls: likelihood {} × impact {} = {} ({})",
        rec.likelihood,
        rec.impact,
        r.inherent,
        band(r.inherent)
    )));
    lines.push(Line::styled(
        format!(
            "After controls:  likelihood {} × impact {} = {} ({}): {}",
            r.residual_likelihood,
            rec.impact,
            r.residual,
            band(r.residual),
            r.mitigation.label()
        ),
        if r.residual >= 10 {
            theme.warn()
        } else {
            theme.good()
        },
    ));
    lines.push(Line::raw(format!(
        "Owner: {}   Review by: {}{}",
        if rec.owner.is_empty() {
            "-".to_owned()
        } else {
            clean(&rec.owner)
        },
        rec.review_by.map_or("-".into(), |d| d.uk()),
        if r.review_due { " (due)" } else { "" }
    )));
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "Mitigating items (from your answers)",
        theme.heading(),
    ));
    let title = |item: &crate::domain::checklist::ItemRef| {
        s.index_of(item)
            .and_then(|i| s.item(i))
            .map_or(String::new(), |i| format!(" {}", clean(&i.title)))
    };
    for item in &r.met {
        lines.push(Line::styled(
            format!("✓ {}{} · met", clean(&item.item), title(item)),
            theme.good(),
        ));
    }
    for weak in &r.weak {
        let why = match &weak.outcome {
            Outcome::Gap { reason } => format!("gap: {}", clean(reason)),
            other => clean(&other.describe()),
        };
        lines.push(Line::styled(
            format!("✗ {}{} · {why}", clean(&weak.item.item), title(&weak.item)),
            theme.error(),
        ));
    }
    for item in &r.not_applicable {
        lines.push(Line::styled(
            format!(
                "- {}{} · not applicable here",
                clean(&item.item),
                title(item)
            ),
            theme.dim(),
        ));
    }
    if !r.not_in_assessment.is_empty() {
        // Named by carecheck's other checklists: listed by `carecheck risk show`, counted here.
        lines.push(Line::styled(
            format!(
                "Not counted: {} in checklists this assessment does not use",
                crate::text::count(r.not_in_assessment.len(), "item", "items")
            ),
            theme.dim(),
        ));
    }
    if r.met.is_empty() && r.weak.is_empty() && r.not_applicable.is_empty() {
        lines.push(Line::styled(
            "None linked here (carecheck risk edit ID --mitigated-by ITEM adds one).",
            theme.dim(),
        ));
    }
    for id in &rec.suppliers {
        let name = v.supplier(id).map_or_else(
            || format!("{id} (no longer recorded)"),
            |s| s.record.name.clone(),
        );
        lines.push(Line::raw(format!("Supplier: {}", clean(&name))));
    }
    if !rec.notes.is_empty() {
        lines.push(Line::raw(format!("Notes: {}", clean(&rec.notes))));
    }
    (clean(&rec.title), lines)
}

/// The row on the overview: how many suppliers and risks, and how many reminders are due.
pub fn overview_spans(s: &Session, theme: Theme) -> Vec<Span<'static>> {
    let v = view(s);
    let high = v.risks.iter().filter(|r| r.residual >= 10).count();
    let text = format!(
        "   Suppliers: {} · Risks: {} ({high} high) · Reminders: {} (S, K)",
        v.suppliers.len(),
        v.risks.len(),
        v.reminders.len()
    );
    vec![Span::styled(
        text,
        if v.reminders.is_empty() {
            theme.dim()
        } else {
            theme.warn()
        },
    )]
}

/// The supplier or risk form, over the body, when open.
pub fn form(app: &App, theme: Theme, frame: &mut Frame, body: Rect) {
    let Some(form) = &app.registers.form else {
        return;
    };
    let title = match &form.record {
        FormFor::Supplier(None) => " New supplier ".to_owned(),
        FormFor::Supplier(Some(_)) => format!(
            " Edit supplier: {} ",
            fit(&form.value("Name"), 40).trim_end()
        ),
        FormFor::Risk(None) => " New risk ".to_owned(),
        FormFor::Risk(Some(_)) => {
            format!(" Edit risk: {} ", fit(&form.value("Risk"), 40).trim_end())
        }
    };
    super::form::render(frame, theme, body, &title, form, app.confirm.is_none());
}
