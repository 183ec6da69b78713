//! Request facts handlers need: the client address and user agent.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRef, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use ipnet::IpNet;

use super::AppState;

/// Where a request came from, as far as we can trust it.
#[derive(Debug, Clone)]
pub struct ClientInfo {
    pub ip: Option<IpAddr>,
    pub user_agent: Option<String>,
}

impl ClientInfo {
    /// The address as text, for logs and records.
    #[must_use]
    pub fn ip_string(&self) -> Option<String> {
        self.ip.map(|ip| ip.to_string())
    }
}

/// An IPv4-mapped IPv6 address (`::ffff:192.0.2.1`) as the IPv4 address it is.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        IpAddr::V4(_) => ip,
    }
}

fn is_trusted(ip: IpAddr, trusted: &[IpNet]) -> bool {
    trusted.iter().any(|net| net.contains(&ip))
}

/// One `X-Forwarded-For` entry: an address, possibly with a port
/// (`192.0.2.1:443`, `[2001:db8::1]:443`) as some proxies write it.
fn parse_entry(entry: &str) -> Option<IpAddr> {
    let entry = entry.trim();
    if let Ok(ip) = entry.parse::<IpAddr>() {
        return Some(canonical(ip));
    }
    entry.parse::<SocketAddr>().ok().map(|s| canonical(s.ip()))
}

/// The client address of a request that arrived from `peer`.
///
/// Forwarding headers are believed only as far as the chain of trusted
/// proxies reaches: when `peer` is one of `trusted`, the `X-Forwarded-For`
/// entries are read from the right (each proxy appends the address it saw),
/// skipping trusted proxies, and the first entry that is not a trusted proxy
/// is the client. Entries left of it were written by the client and are
/// ignored. An entry that is not an address ends the walk at the last
/// address known (the proxy that appended it). With `trusted` empty the
/// peer is always the answer.
#[must_use]
pub fn client_address(peer: IpAddr, headers: &HeaderMap, trusted: &[IpNet]) -> IpAddr {
    let mut current = canonical(peer);
    if !is_trusted(current, trusted) {
        return current;
    }
    // Several X-Forwarded-For headers are one list, in order.
    let values: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    for entry in values.iter().rev().flat_map(|v| v.rsplit(',')) {
        if entry.trim().is_empty() {
            continue;
        }
        let Some(ip) = parse_entry(entry) else {
            return current;
        };
        current = ip;
        if !is_trusted(ip, trusted) {
            return ip;
        }
    }
    current
}

impl<S> FromRequestParts<S> for ClientInfo
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let app = AppState::from_ref(state);
        let ip = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| client_address(c.0.ip(), &parts.headers, &app.settings.trusted_proxies));
        let user_agent = parts
            .headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(|s| s.chars().take(256).collect());
        Ok(Self { ip, user_agent })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn nets(list: &[&str]) -> Vec<IpNet> {
        list.iter().map(|s| s.parse().unwrap()).collect()
    }

    fn xff(values: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in values {
            h.append("x-forwarded-for", HeaderValue::from_str(v).unwrap());
        }
        h
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn without_trusted_proxies_the_peer_is_the_client() {
        let h = xff(&["203.0.113.9"]);
        assert_eq!(
            client_address(ip("198.51.100.1"), &h, &[]),
            ip("198.51.100.1")
        );
    }

    #[test]
    fn an_untrusted_peer_cannot_forward() {
        let h = xff(&["203.0.113.9"]);
        let t = nets(&["10.0.0.0/8"]);
        assert_eq!(
            client_address(ip("198.51.100.1"), &h, &t),
            ip("198.51.100.1")
        );
    }

    #[test]
    fn the_rightmost_untrusted_entry_wins_over_a_forged_leftmost_one() {
        // Client 198.51.100.7 sent "X-Forwarded-For: 1.2.3.4"; the edge proxy
        // 10.0.0.2 appended the client, the inner proxy 10.0.0.3 appended 10.0.0.2.
        let h = xff(&["1.2.3.4, 198.51.100.7, 10.0.0.2"]);
        let t = nets(&["10.0.0.0/8"]);
        assert_eq!(client_address(ip("10.0.0.3"), &h, &t), ip("198.51.100.7"));
    }

    #[test]
    fn several_headers_are_one_list() {
        let h = xff(&["1.2.3.4", "198.51.100.7"]);
        let t = nets(&["127.0.0.1/32"]);
        assert_eq!(client_address(ip("127.0.0.1"), &h, &t), ip("198.51.100.7"));
    }

    #[test]
    fn all_trusted_gives_the_leftmost_and_no_header_gives_the_peer() {
        let t = nets(&["10.0.0.0/8"]);
        let h = xff(&["10.1.1.1, 10.0.0.2"]);
        assert_eq!(client_address(ip("10.0.0.3"), &h, &t), ip("10.1.1.1"));
        assert_eq!(
            client_address(ip("10.0.0.3"), &HeaderMap::new(), &t),
            ip("10.0.0.3")
        );
    }

    #[test]
    fn garbage_stops_at_the_last_known_hop() {
        let t = nets(&["10.0.0.0/8"]);
        let h = xff(&["198.51.100.7, unknown, 10.0.0.2"]);
        assert_eq!(client_address(ip("10.0.0.3"), &h, &t), ip("10.0.0.2"));
    }

    #[test]
    fn ports_ipv6_and_mapped_addresses_are_understood() {
        let t = nets(&["::1/128", "10.0.0.0/8"]);
        let h = xff(&["[2001:db8::5]:4711"]);
        assert_eq!(client_address(ip("::1"), &h, &t), ip("2001:db8::5"));
        let h = xff(&["198.51.100.7:4711"]);
        assert_eq!(
            client_address(ip("::ffff:10.0.0.3"), &h, &t),
            ip("198.51.100.7")
        );
        let h = xff(&["::ffff:198.51.100.8"]);
        assert_eq!(client_address(ip("10.0.0.3"), &h, &t), ip("198.51.100.8"));
    }
}
