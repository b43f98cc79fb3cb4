//! The console's CSV import: every account of a file, or none.

use crate::domain::AppError;
use crate::view::admin::import::Imported;
use leptos::prelude::*;

/// Creates every account of a CSV file, or none: a wrong row is reported with its line.
#[server(endpoint = "admin_import_accounts")]
pub async fn admin_import_accounts(csv: String) -> Result<Imported, AppError> {
    use crate::view::admin::import::MAX_IMPORT_ROWS;
    super::change(super::Back::to("/admin/accounts/import", "done=imported"), move |admin| async move {
        crate::server::admin::import::import_text(&admin, &csv, Some(MAX_IMPORT_ROWS)).await
    })
    .await
}
