//! Protocol request parameters, parsed in one place: the pairs of a query
//! string or form body, with duplicates refused (RFC 6749 §3.1: "Request and
//! response parameters MUST NOT be included more than once") and empty
//! values counted as absent.

use super::error::OAuthError;

/// Request parameters, refusing duplicates.
pub struct Params<'a>(pub &'a [(String, String)]);

impl<'a> Params<'a> {
    /// The value of `name` (empty counts as absent); an error when it was
    /// given more than once.
    pub fn get(&self, name: &str) -> Result<Option<&'a str>, String> {
        let mut found = self.0.iter().filter(|(k, _)| k == name);
        let first = found.next().map(|(_, v)| v.as_str());
        if found.next().is_some() {
            return Err(format!("the parameter {name} was given more than once"));
        }
        Ok(first.filter(|v| !v.is_empty()))
    }
}

/// The value of `name` in `params`; `invalid_request` when it was given
/// more than once.
pub fn param<'a>(
    params: &'a [(String, String)],
    name: &str,
) -> Result<Option<&'a str>, OAuthError> {
    Params(params)
        .get(name)
        .map_err(OAuthError::invalid_request)
}

/// As [`param`], and `invalid_request` when it is missing.
pub fn required<'a>(params: &'a [(String, String)], name: &str) -> Result<&'a str, OAuthError> {
    param(params, name)?.ok_or_else(|| OAuthError::invalid_request(format!("{name} is missing")))
}

/// The pairs of a query string (none when there is no query).
pub fn from_query(query: Option<&str>) -> Result<Vec<(String, String)>, OAuthError> {
    serde_urlencoded::from_str(query.unwrap_or_default())
        .map_err(|_| OAuthError::invalid_request("the query string is malformed"))
}

/// The pairs of a form body sent with `content_type`, which must be
/// `application/x-www-form-urlencoded` (parameters are case-insensitive).
pub fn from_form(
    content_type: Option<&str>,
    body: &[u8],
) -> Result<Vec<(String, String)>, OAuthError> {
    let mime = content_type
        .unwrap_or_default()
        .split(';')
        .next()
        .unwrap_or_default()
        .trim();
    if !mime.eq_ignore_ascii_case("application/x-www-form-urlencoded") {
        return Err(OAuthError::invalid_request(
            "the body must be application/x-www-form-urlencoded",
        ));
    }
    serde_urlencoded::from_bytes(body)
        .map_err(|_| OAuthError::invalid_request("the form body is malformed"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn duplicates_are_refused_and_empty_values_are_absent() {
        let p = pairs(&[("a", "1"), ("b", ""), ("c", "x"), ("c", "y")]);
        assert_eq!(param(&p, "a").unwrap(), Some("1"));
        assert_eq!(param(&p, "b").unwrap(), None);
        assert_eq!(param(&p, "z").unwrap(), None);
        assert!(param(&p, "c").is_err());
        assert!(required(&p, "b").is_err());
        assert_eq!(required(&p, "a").unwrap(), "1");
    }

    #[test]
    fn forms_need_their_content_type_and_queries_may_be_absent() {
        let form = from_form(
            Some("Application/X-WWW-Form-Urlencoded; charset=utf-8"),
            b"a=1&b=%20",
        )
        .unwrap();
        assert_eq!(form, pairs(&[("a", "1"), ("b", " ")]));
        assert!(from_form(Some("application/json"), b"a=1").is_err());
        assert!(from_form(None, b"a=1").is_err());
        assert_eq!(from_query(None).unwrap(), Vec::new());
        assert_eq!(from_query(Some("x=y")).unwrap(), pairs(&[("x", "y")]));
    }
}
