//! A table of figures or rows in the console.

use leptos::prelude::*;

/// A data table inside a region that scrolls sideways when the table is wider than the screen,
/// so that words stay whole on a phone ("Administrator", a user ID) instead of breaking every
/// few letters. The region takes the keyboard's focus, so it can be scrolled without a pointer
/// (WCAG 2.1.1; axe's `scrollable-region-focusable`), and is named by the caption.
#[component]
pub fn DataTable(
    #[prop(into)] caption: String,
    /// The caption is for screen readers only (a heading above already says it).
    #[prop(optional)]
    caption_hidden: bool,
    children: Children,
) -> impl IntoView {
    let name = caption.clone();
    let caption = if caption_hidden {
        view! { <caption class="visually-hidden">{caption}</caption> }.into_any()
    } else {
        view! { <caption>{caption}</caption> }.into_any()
    };
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=name>
            <table class="data">
                {caption}
                {children()}
            </table>
        </div>
    }
}
