//! Custom attributes and claim mappings in the admin UI: the attributes
//! form of a user's page and the claim-mapping form of a client's page
//! (each its own small form, so the other settings forms stay as they are).

use crate::domain::role::need;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use serde::Deserialize;

use super::AdminForm;
use crate::domain::claim_mapping;
use crate::http::AppState;
use crate::http::error::Result;
use crate::i18n::{t, t_args};
use crate::manage::{self, ClientChange, ManageError};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/admin/users/{userid}/attributes",
            post(user_attributes_post),
        )
        .route(
            "/admin/clients/{client_id}/claim-mapping",
            post(claim_mapping_post),
        )
        .route(
            "/admin/groups/{name}/attributes",
            post(group_attributes_post),
        )
}

/// `value` as indented JSON, for a textarea.
pub(super) fn pretty<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|_| "{}".into())
}

/// Which JSON form field is read, for the messages of [`json_field`].
#[derive(Debug, Clone, Copy)]
enum JsonField {
    Attributes,
    ClaimMapping,
}

/// Reads JSON text a form field carries (empty text is `{}`); the refusal
/// is in the request's language.
fn json_field(field: JsonField, text: &str) -> std::result::Result<serde_json::Value, ManageError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(serde_json::json!({}));
    }
    if text.len() > 4 * claim_mapping::MAX_ATTRIBUTES_BYTES {
        return Err(ManageError::Invalid(match field {
            JsonField::Attributes => t("admin-error-attributes-too-large"),
            JsonField::ClaimMapping => t("admin-error-claim-mapping-too-large"),
        }));
    }
    serde_json::from_str(text).map_err(|e| {
        let args = [("error", e.to_string().into())];
        ManageError::Invalid(match field {
            JsonField::Attributes => t_args("admin-error-attributes-not-json", &args),
            JsonField::ClaimMapping => t_args("admin-error-claim-mapping-not-json", &args),
        })
    })
}

#[derive(Debug, Deserialize)]
struct AttributesForm {
    #[serde(default)]
    attributes: String,
}

async fn user_attributes_post(
    State(state): State<AppState>,
    Path(userid): Path<String>,
    AdminForm {
        actor,
        role,
        csrf,
        fields: form,
        ..
    }: AdminForm<AttributesForm, need::WriteUsers>,
) -> Result<Response> {
    let user = super::users::managed(super::users::find(&state, &userid).await?, role)?;
    let result = async {
        let value = json_field(JsonField::Attributes, &form.attributes)?;
        manage::set_user_attributes(&state.repos, state.clock.as_ref(), &actor, &user, value)
            .await?;
        Ok("saved")
    }
    .await;
    super::users::after(&state, csrf, &userid, result).await
}

async fn group_attributes_post(
    State(state): State<AppState>,
    Path(name): Path<String>,
    AdminForm {
        actor,
        csrf,
        fields: form,
        ..
    }: AdminForm<AttributesForm, need::WriteUsers>,
) -> Result<Response> {
    let result = async {
        let value = json_field(JsonField::Attributes, &form.attributes)?;
        manage::set_group_attributes(&state.repos, state.clock.as_ref(), &actor, &name, value).await
    }
    .await;
    match result {
        Ok(_) => Ok(Redirect::to(&format!(
            "/admin/groups/{}?done=saved",
            super::groups::segment(&name)
        ))
        .into_response()),
        Err(e) => super::groups::refused(&state, csrf, &name, e).await,
    }
}

#[derive(Debug, Deserialize)]
struct MappingForm {
    #[serde(default)]
    claim_mapping: String,
}

async fn claim_mapping_post(
    State(state): State<AppState>,
    Path(client_id): Path<String>,
    AdminForm {
        actor,
        csrf,
        fields: form,
        ..
    }: AdminForm<MappingForm, need::WriteClients>,
) -> Result<Response> {
    let result = async {
        let value = json_field(JsonField::ClaimMapping, &form.claim_mapping)?;
        manage::update_client(
            &state.repos,
            state.clock.as_ref(),
            &actor,
            &client_id,
            ClientChange {
                claim_mapping: Some(value),
                ..ClientChange::default()
            },
        )
        .await
    }
    .await;
    match result {
        Ok(_) => {
            Ok(Redirect::to(&format!("/admin/clients/{client_id}?done=saved")).into_response())
        }
        Err(e) => super::clients::refused(&state, csrf, &client_id, e).await,
    }
}
