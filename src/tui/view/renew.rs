//! The question before renewing an assessment, in a box over the middle of the screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Padding, Paragraph, Wrap};

use super::clean;
use crate::tui::app::App;
use crate::tui::theme::Theme;

pub fn ask(app: &App, theme: Theme, frame: &mut Frame, body: Rect) {
    let Some(ask) = &app.renew_ask else { return };
    let width = body.width.min(66);
    let height = u16::try_from(9 + 2 * ask.concerns.len())
        .unwrap_or(u16::MAX)
        .min(body.height);
    let region = Rect {
        x: body.x + (body.width - width) / 2,
        y: body.y + body.height.saturating_sub(height) / 2,
        width,
        height,
    };
    frame.render_widget(Clear, region);
    let block = Block::bordered()
        .padding(Padding::horizontal(1))
        .title(Line::styled(" Renew for this year? ", theme.heading()));
    let mut lines = vec![Line::raw(format!(
        "Start this year's assessment for {} from {}?",
        clean(&ask.name),
        clean(&ask.id)
    ))];
    // Renewed already, or this period's own: said before Y renews it all the same.
    lines.extend(
        ask.concerns
            .iter()
            .map(|c| Line::styled(format!("Careful: {}.", clean(c)), theme.warn())),
    );
    lines.extend([
        Line::styled(
            "Every answer is carried forward to confirm; last year's is kept as it is.",
            theme.dim(),
        ),
        // The edition choice `carecheck renew` offers (--keep-editions).
        Line::from(vec![
            Span::styled("Y", theme.key()),
            Span::raw(" renew, moving to the newest editions carecheck has"),
        ]),
        Line::from(vec![
            Span::styled("K", theme.key()),
            Span::raw(" renew, keeping last year's editions"),
        ]),
        Line::from(vec![
            Span::styled("any other key", theme.key()),
            Span::raw(" leaves it"),
        ]),
    ]);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        region,
    );
}
