//! The running heads: the organisation and date at the top of every page, and the page
//! number and assessment fingerprint at the foot.

use super::layout::{Colour, Measure, Page, PageSpec, Placed, Role, TextStyle};
use super::wrap::wrap;

/// Adds the running heads: `left` and `right` at the top of every page from `first_header` on
/// (a cover has none), and "Page X of Y" with `footer` at the bottom of every page.
pub fn add_running_heads(
    pages: &mut [Page],
    first_header: usize,
    measure: &dyn Measure,
    spec: PageSpec,
    left: &str,
    right: &str,
    footer: &str,
) {
    let count = pages.len();
    let style = TextStyle::SMALL;
    let left = measure.displayable(left);
    for (index, page) in pages.iter_mut().enumerate() {
        let numbering = format!("Page {} of {count}", index + 1);
        let right_x = spec.width - spec.margin - measure.width(right, style);
        let number_x = spec.width - spec.margin - measure.width(&numbering, style);
        let header_y = spec.top - 22.0;
        let footer_y = spec.height - spec.bottom + 26.0;
        let limit = right_x - spec.margin - 12.0;
        let left_line = wrap(measure, &left, limit, style)
            .into_iter()
            .next()
            .unwrap_or_default();
        if index >= first_header {
            page.items.extend([
                // Page furniture: a screen reader skips it.
                Placed::begin(Role::Artifact),
                Placed::Text {
                    x: spec.margin,
                    y: header_y,
                    text: left_line,
                    style,
                },
                Placed::Text {
                    x: right_x,
                    y: header_y,
                    text: right.to_owned(),
                    style,
                },
                Placed::Rect {
                    x: spec.margin,
                    y: header_y + 5.0,
                    width: spec.width - 2.0 * spec.margin,
                    height: 0.5,
                    colour: Colour::Grey,
                },
                Placed::END,
            ]);
        }
        page.items.extend([
            Placed::begin(Role::Artifact),
            Placed::Text {
                x: spec.margin,
                y: footer_y,
                text: footer.to_owned(),
                style,
            },
            Placed::Text {
                x: number_x,
                y: footer_y,
                text: numbering,
                style,
            },
            Placed::END,
        ]);
    }
}
