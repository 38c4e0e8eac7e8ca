//! The supplier and risk registers in the TUI: the lists, a record in full, and the form for
//! adding or editing a supplier or a risk (its fields are `record_form.rs`). Every change is built by the domain's rules
//! (`domain::registers::edit_supplier`, `edit_risk`, `new_id`, `adopt_starters`), the same ones
//! the CLI calls, and saved as one `Effect::Save(Event::Register { .. })`. A site's head-office
//! records are shown, marked, and never changed here.

use ratatui::crossterm::event::KeyEvent;

use super::action::{Command, Effect};
use super::app::{App, Pending, Screen};
use super::edit_keys::{self, EditContext};
use super::form::FormKey;
use super::input::Confirm;
use super::session::Session;
use crate::domain::answering::Change;
use crate::domain::assessment::{Event, Evidence, EvidenceSource};
use crate::domain::registers::{self, EditRefused, RegisterChange, Supplier};
use crate::registers::RegisterView;

pub use super::record_form::*;

/// Where the register screens are.
#[derive(Debug, Default)]
pub struct RegisterUi {
    pub suppliers_selected: usize,
    pub risks_selected: usize,
    /// The selected record is shown in full instead of the list.
    pub detail: bool,
    /// How far the record in full is scrolled.
    pub scroll: u16,
    pub form: Option<RecordForm>,
    /// The record whose removal waits for a second `x`.
    pub removing: Option<String>,
    /// A save from the form (or a removal) is in flight.
    saving: Option<Saving>,
    /// Where Esc from the register lists goes back to.
    came_from: Option<Screen>,
    /// The register changes `u` can take back, latest last.
    undo: Vec<Undo>,
    /// An undo of several records at once (the starter risks) is being saved.
    undoing_all: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Saving {
    /// The record to select once saved (none after a removal).
    select: Option<String>,
    message: String,
    /// What puts back what the save replaces, once it is saved (none for an undo itself).
    undo: Option<Undo>,
}

/// The changes that put records back as they were before one save, and what to say then.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Undo {
    changes: Vec<RegisterChange>,
    said: String,
}

impl RegisterUi {
    /// Another assessment is open: its changes are not this one's to undo.
    pub(crate) fn forget_undo(&mut self) {
        self.undo.clear();
        self.undoing_all = false;
    }
}

/// The change that puts record `id` of the register `change` is about back as `own` has it.
fn restoring(change: &RegisterChange, s: &Session) -> RegisterChange {
    let registers = &s.own().registers;
    match change {
        RegisterChange::Supplier { id, .. } => RegisterChange::Supplier {
            id: id.clone(),
            supplier: registers.suppliers.get(id).cloned(),
        },
        RegisterChange::Risk { id, .. } => RegisterChange::Risk {
            id: id.clone(),
            risk: registers.risks.get(id).cloned(),
        },
    }
}

/// The registers as the session stands: its own records, its head office's, and what the
/// core computes from them.
pub fn view(s: &Session) -> RegisterView {
    RegisterView::of(
        &s.own().registers,
        s.head_assessment().map(|h| &h.registers),
        &s.checklists,
        &s.summary,
        s.today(),
    )
}

impl App {
    fn register_records_len(&self) -> usize {
        let Some(s) = &self.session else { return 0 };
        let v = view(s);
        if self.screen == Screen::Risks {
            v.risks.len()
        } else {
            v.suppliers.len()
        }
    }

    fn register_selected(&mut self) -> &mut usize {
        if self.screen == Screen::Risks {
            &mut self.registers.risks_selected
        } else {
            &mut self.registers.suppliers_selected
        }
    }

    /// The selected record's id, name, and whether it is the head office's.
    fn selected_record(&self) -> Option<(String, String, bool)> {
        let s = self.session.as_ref()?;
        let v = view(s);
        if self.screen == Screen::Risks {
            let r = v.risks.get(self.registers.risks_selected)?;
            Some((
                r.risk.id.clone(),
                r.risk.record.title.clone(),
                r.risk.inherited,
            ))
        } else {
            let r = v.suppliers.get(self.registers.suppliers_selected)?;
            Some((r.id.clone(), r.record.name.clone(), r.inherited))
        }
    }

    pub(crate) fn register_command(&mut self, command: Command) -> Option<Effect> {
        self.session.as_ref()?;
        if command != Command::RemoveRecord {
            self.registers.removing = None;
        }
        match command {
            Command::ShowSuppliers | Command::ShowRisks => {
                let to = if command == Command::ShowRisks {
                    Screen::Risks
                } else {
                    Screen::Suppliers
                };
                if !matches!(self.screen, Screen::Suppliers | Screen::Risks) {
                    self.registers.came_from = Some(self.screen);
                }
                if self.screen != to {
                    self.registers.detail = false;
                    self.registers.scroll = 0;
                }
                self.screen = to;
                let len = self.register_records_len();
                let selected = self.register_selected();
                *selected = (*selected).min(len.saturating_sub(1));
                None
            }
            Command::LinkRegister => self.link_register(),
            _ if !matches!(self.screen, Screen::Suppliers | Screen::Risks) => None,
            _ if self.refuse_if_read_only() => None,
            Command::AddRecord => {
                let s = self.session.as_ref()?;
                self.registers.form = Some(if self.screen == Screen::Risks {
                    risk_form(None, None, s)
                } else {
                    supplier_form(None, &Supplier::named(""))
                });
                None
            }
            Command::EditRecord => self.edit_selected(),
            Command::RemoveRecord => self.remove_selected(),
            Command::AddStarterRisks => self.add_starter_risks(),
            Command::Undo => self.undo_register(),
            _ => None,
        }
    }

    /// `u` on a register: the last add, edit or removal (or the starter risks added at once)
    /// taken back, saved like any change and not itself undone again.
    fn undo_register(&mut self) -> Option<Effect> {
        let Some(undo) = self.registers.undo.pop() else {
            self.say("Nothing to undo in the registers.", false);
            return None;
        };
        let first = undo.changes.first()?;
        self.screen = match first {
            RegisterChange::Supplier { .. } => Screen::Suppliers,
            RegisterChange::Risk { .. } => Screen::Risks,
        };
        self.registers.detail = false;
        self.registers.form = None;
        if undo.changes.len() > 1 {
            self.registers.undoing_all = true;
            return Some(Effect::SaveAll(
                undo.changes.into_iter().map(registers::event).collect(),
            ));
        }
        let select = match first {
            RegisterChange::Supplier {
                id,
                supplier: Some(_),
            }
            | RegisterChange::Risk { id, risk: Some(_) } => Some(id.clone()),
            _ => None,
        };
        self.registers.saving = Some(Saving {
            select,
            message: undo.said,
            undo: None,
        });
        undo.changes
            .into_iter()
            .next()
            .map(|change| Effect::Save(registers::event(change)))
    }

    fn refuse_if_read_only(&mut self) -> bool {
        match self.session.as_ref().and_then(|s| s.read_only.clone()) {
            Some(reason) => {
                self.say(format!("Not saved: read-only ({reason})"), true);
                true
            }
            None => false,
        }
    }

    fn edit_selected(&mut self) -> Option<Effect> {
        let Some((id, name, inherited)) = self.selected_record() else {
            self.say("Nothing to edit yet: press a to add one.", false);
            return None;
        };
        if inherited {
            self.say(
                format!(
                    "{} is the head office's record, shown here read-only; change it in the head office's assessment.",
                    crate::text::one_line(&name)
                ),
                true,
            );
            return None;
        }
        let s = self.session.as_ref()?;
        let own = &s.own().registers;
        self.registers.form = if self.screen == Screen::Risks {
            own.risks
                .get(&id)
                .map(|r| risk_form(Some(id.clone()), Some(r), s))
        } else {
            own.suppliers
                .get(&id)
                .map(|r| supplier_form(Some(id.clone()), r))
        };
        None
    }

    fn remove_selected(&mut self) -> Option<Effect> {
        let (id, name, inherited) = self.selected_record()?;
        let name = crate::text::one_line(&name).into_owned();
        if inherited {
            self.say(
                format!("{name} is the head office's record; remove it from the head office's assessment."),
                true,
            );
            return None;
        }
        if self.registers.removing.as_deref() != Some(id.as_str()) {
            self.say(
                format!("Press x again to remove {name}; any other key keeps it."),
                true,
            );
            self.registers.removing = Some(id);
            return None;
        }
        self.registers.removing = None;
        let change = if self.screen == Screen::Risks {
            RegisterChange::Risk { id, risk: None }
        } else {
            RegisterChange::Supplier { id, supplier: None }
        };
        self.registers.detail = false;
        let undo = self.session.as_ref().map(|s| Undo {
            changes: vec![restoring(&change, s)],
            said: format!("Undone: {name} is back."),
        });
        self.registers.saving = Some(Saving {
            select: None,
            message: format!("Removed {name}. Press u to undo."),
            undo,
        });
        Some(Effect::Save(registers::event(change)))
    }

    fn add_starter_risks(&mut self) -> Option<Effect> {
        if self.screen != Screen::Risks {
            return None;
        }
        let starter = match crate::registers::starter_risks() {
            Ok(starter) => starter,
            Err(why) => {
                self.say(why, true);
                return None;
            }
        };
        let s = self.session.as_ref()?;
        let known: Vec<String> = view(s).risks.into_iter().map(|r| r.risk.id).collect();
        let changes =
            registers::adopt_starters(starter, |id| known.iter().any(|k| k == id), self.today);
        if changes.is_empty() {
            self.say("Every starter risk is already recorded.", false);
            return None;
        }
        Some(Effect::SaveAll(
            changes.into_iter().map(registers::event).collect(),
        ))
    }

    /// `L` on an item the supplier register is evidence for: the register, as it stands
    /// today, becomes a named-document evidence entry through the answering core.
    fn link_register(&mut self) -> Option<Effect> {
        if self.screen != Screen::Item {
            return None;
        }
        let s = self.session.as_ref()?;
        let key = s.entries.get(self.cursor)?.key.clone();
        let v = view(s);
        let Some(note) = v.evidence.iter().find(|n| n.item == key) else {
            let counts = crate::registers::EVIDENCE_ITEMS
                .iter()
                .any(|(c, i)| key.checklist == *c && key.item == *i);
            let why = if counts {
                "No suppliers are recorded yet: press S to open the supplier register and add them."
            } else {
                "The supplier register is not evidence for this item (it counts for DSPT 10.1.2, 10.2.1, 10.2.2 and 7.1.5)."
            };
            self.say(why, false);
            return None;
        };
        let name = format!(
            "Supplier register in carecheck, {}: {}",
            self.today.uk(),
            note.text
        );
        let already = s
            .own_answer(&key)
            .evidence
            .iter()
            .any(|e| matches!(&e.source, EvidenceSource::Document { name: n } if *n == name));
        if already {
            self.say(
                "The supplier register as it is today is already evidence here.",
                false,
            );
            return None;
        }
        self.say(format!("Added as evidence: {name}"), false);
        self.change(
            Pending::default(),
            vec![Change::AddEvidence(Evidence {
                source: EvidenceSource::Document { name },
                dated: Some(self.today),
                review_by: None,
            })],
        )
    }

    /// Esc on a register screen: from a record to its list, from the list to where the user was.
    pub(crate) fn register_back(&mut self) {
        self.registers.removing = None;
        if self.registers.detail {
            self.registers.detail = false;
            return;
        }
        self.screen = match self.registers.came_from.take() {
            Some(screen @ (Screen::Item | Screen::Items)) => screen,
            _ => Screen::Overview,
        };
    }

    pub(crate) fn register_open(&mut self) {
        self.registers.removing = None;
        if self.register_records_len() > 0 {
            self.registers.detail = true;
            self.registers.scroll = 0;
        }
    }

    pub(crate) fn register_scroll(&mut self, delta: i32) {
        self.registers.removing = None;
        if self.registers.detail {
            let to = i32::from(self.registers.scroll).saturating_add(delta);
            self.registers.scroll = u16::try_from(to.clamp(0, 300)).unwrap_or(0);
            return;
        }
        let len = self.register_records_len();
        let selected = self.register_selected();
        let to = i64::try_from(*selected).unwrap_or(0) + i64::from(delta);
        let last = i64::try_from(len.saturating_sub(1)).unwrap_or(0);
        *selected = usize::try_from(to.clamp(0, last)).unwrap_or(0);
    }

    pub(crate) fn register_pick(&mut self, hit: usize) {
        *self.register_selected() = hit;
        self.register_open();
    }

    /// A key typed into the form.
    pub(crate) fn register_form_key(&mut self, key: KeyEvent) -> Option<Effect> {
        let form = self.registers.form.as_mut()?;
        match form.key(key, edit_keys::resolve(key, EditContext::Record)) {
            FormKey::Save => return self.submit_form(),
            FormKey::Cancel { typed: true } => self.confirm = Some(Confirm::DiscardRecord),
            FormKey::Cancel { typed: false } => self.registers.form = None,
            FormKey::Handled => {}
        }
        None
    }

    pub(crate) fn register_form_paste(&mut self, text: &str) {
        if let Some(form) = &mut self.registers.form {
            form.paste(text);
        }
    }

    /// Builds the record with the domain's rules and saves it; a refusal keeps the form open
    /// on the field to fix.
    fn submit_form(&mut self) -> Option<Effect> {
        if self.refuse_if_read_only() {
            return None;
        }
        let form = self.registers.form.as_ref()?;
        let s = self.session.as_ref()?;
        let v = view(s);
        let today = self.today;
        let built: Result<(RegisterChange, String), (&'static str, String)> = match &form.record {
            FormFor::Supplier(id) => supplier_edit(form).and_then(|mut edit| {
                let refused =
                    |e: EditRefused| (refused_field(&e, true), crate::registers::refusal(&e));
                let (id, base) = match id {
                    Some(id) => (
                        id.clone(),
                        s.own()
                            .registers
                            .suppliers
                            .get(id)
                            .cloned()
                            .unwrap_or_else(|| Supplier::named("")),
                    ),
                    None => (
                        registers::new_id(&form.value(NAME), |id| {
                            v.suppliers.iter().any(|s| s.id == id)
                        })
                        .map_err(refused)?,
                        Supplier::named(""),
                    ),
                };
                keep_changed(&mut edit, &base);
                let supplier = registers::edit_supplier(base, &edit, today).map_err(refused)?;
                let name = supplier.name.clone();
                Ok((
                    RegisterChange::Supplier {
                        id,
                        supplier: Some(supplier),
                    },
                    name,
                ))
            }),
            FormFor::Risk(id) => risk_edit(form).and_then(|edit| {
                let refused =
                    |e: EditRefused| (refused_field(&e, false), crate::registers::refusal(&e));
                let (id, base) = match id {
                    Some(id) => (id.clone(), s.own().registers.risks.get(id).cloned()),
                    None => (
                        registers::new_id(&form.value(TITLE), |id| {
                            v.risks.iter().any(|r| r.risk.id == id)
                        })
                        .map_err(refused)?,
                        None,
                    ),
                };
                let base = match base {
                    Some(base) => base,
                    None => registers::new_risk(&form.value(TITLE), 1, 1).map_err(refused)?,
                };
                let mut risk = registers::edit_risk(base, &edit).map_err(refused)?;
                risk.mitigated_by =
                    parse_items(s, &form.value(PROTECTED_BY)).map_err(|why| (PROTECTED_BY, why))?;
                risk.suppliers = parse_suppliers(s, &form.value(RISK_SUPPLIERS))
                    .map_err(|why| (RISK_SUPPLIERS, why))?;
                let title = risk.title.clone();
                Ok((
                    RegisterChange::Risk {
                        id,
                        risk: Some(risk),
                    },
                    title,
                ))
            }),
        };
        match built {
            Ok((change, name)) => {
                let id = match &change {
                    RegisterChange::Supplier { id, .. } | RegisterChange::Risk { id, .. } => {
                        id.clone()
                    }
                };
                let name = crate::text::one_line(&name).into_owned();
                let before = restoring(&change, s);
                let said = match &before {
                    RegisterChange::Supplier { supplier: None, .. }
                    | RegisterChange::Risk { risk: None, .. } => {
                        format!("Undone: {name} is no longer recorded.")
                    }
                    _ => format!("Undone: {name} is back as it was."),
                };
                self.registers.saving = Some(Saving {
                    select: Some(id),
                    message: format!("Saved {name}."),
                    undo: Some(Undo {
                        changes: vec![before],
                        said,
                    }),
                });
                Some(Effect::Save(registers::event(change)))
            }
            Err((label, why)) => {
                if let Some(form) = &mut self.registers.form {
                    form.focus_on(label, why);
                }
                None
            }
        }
    }

    /// After any save: a register save in flight closes its form and selects its record.
    pub(crate) fn register_saved(&mut self, ok: bool) {
        let Some(saving) = self.registers.saving.take() else {
            return;
        };
        if !ok {
            // The form stays open with what was typed; the shell's message says why.
            return;
        }
        self.registers.form = None;
        self.registers.undo.extend(saving.undo);
        self.say(saving.message, false);
        if let (Some(id), Some(s)) = (saving.select, &self.session) {
            let v = view(s);
            let at = if self.screen == Screen::Risks {
                v.risks.iter().position(|r| r.risk.id == id)
            } else {
                v.suppliers.iter().position(|r| r.id == id)
            };
            if let Some(at) = at {
                *self.register_selected() = at;
            }
        } else {
            let len = self.register_records_len();
            let selected = self.register_selected();
            *selected = (*selected).min(len.saturating_sub(1));
        }
    }

    /// Several register records saved at once (the starter risks). Anything else goes back to
    /// the caller untouched.
    #[allow(clippy::type_complexity)]
    pub(crate) fn registers_saved_all(
        &mut self,
        saved: Vec<(Event, crate::domain::date::Timestamp)>,
        error: Option<String>,
    ) -> Option<(Vec<(Event, crate::domain::date::Timestamp)>, Option<String>)> {
        if saved.is_empty()
            || !saved
                .iter()
                .all(|(e, _)| matches!(e, Event::Register { .. }))
        {
            return Some((saved, error));
        }
        let count = saved.len();
        if let Some(s) = &mut self.session {
            for (event, at) in &saved {
                s.apply(event, *at);
            }
        }
        self.saves += count;
        if std::mem::take(&mut self.registers.undoing_all) {
            match error {
                Some(why) => {
                    self.say(format!("NOT SAVED after {count} risk(s): {why}"), true);
                    self.save_error = Some(why);
                }
                None => {
                    self.save_error = None;
                    self.say(
                        format!(
                            "Undone: the {} added together are no longer recorded.",
                            crate::text::count(count, "starter risk", "starter risks")
                        ),
                        false,
                    );
                }
            }
            let len = self.register_records_len();
            let selected = self.register_selected();
            *selected = (*selected).min(len.saturating_sub(1));
            return None;
        }
        // Whatever of them was saved is taken back together by one `u`.
        let added: Vec<RegisterChange> = saved
            .iter()
            .filter_map(|(event, _)| match event {
                Event::Register { change } => match change.as_ref() {
                    RegisterChange::Risk { id, .. } => Some(RegisterChange::Risk {
                        id: id.clone(),
                        risk: None,
                    }),
                    RegisterChange::Supplier { .. } => None,
                },
                _ => None,
            })
            .collect();
        if !added.is_empty() {
            self.registers.undo.push(Undo {
                changes: added,
                said: String::new(),
            });
        }
        match error {
            Some(why) => {
                self.say(format!("NOT SAVED after {count} risk(s): {why}"), true);
                self.save_error = Some(why);
            }
            None => {
                self.save_error = None;
                self.say(
                    format!(
                        "Added {}. The scores are suggestions: press e on a risk to change them, its owner and review date (each is due for review by {}).",
                        crate::text::count(count, "starter risk", "starter risks"),
                        self.today.add_months(12).uk()
                    ),
                    false,
                );
            }
        }
        None
    }
}
