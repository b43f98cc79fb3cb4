use crate::api::session::{ChangeRequiredPassword, Me, SignOut};
use crate::components::StatusMessage;
use crate::i18n::use_texts;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SecurityInfo(me: Me, sign_out: ServerAction<SignOut>, changed: ServerAction<ChangeRequiredPassword>) -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let password_changed = Signal::derive(move || {
        let done = changed.value().get().is_some_and(|r| r.is_ok())
            || query.with(|q| q.get("done").as_deref() == Some("password_changed"));
        done.then_some(t.password_changed_status)
    });
    view! {
        <Title text=t.security_info_title />
        <h1>{t.security_info_title}</h1>
        <StatusMessage message=password_changed />
        <p class="signed-in-as">
            {t.signed_in_as} " " <strong>{me.display_name}</strong> " (" {me.user_id} ")"
        </p>
        <p>{t.security_info_intro}</p>
        <ActionForm action=sign_out attr:class="form-inline">
            <button type="submit" class="button secondary" disabled=move || sign_out.pending().get()>
                {t.sign_out_button}
            </button>
        </ActionForm>
    }
}
