//! Names of passkey providers and security keys by their AAGUID, the
//! identifier of the authenticator model that an authenticator puts in the
//! attested credential data of a new credential. A new passkey is named
//! after its authenticator ("iCloud Keychain", "YubiKey 5 Series") when the
//! AAGUID is in [`KNOWN`]; the user can rename it.
//!
//! The AAGUID is a hint, not a proof: with attestation "none" (what
//! Latchkey asks for) nothing vouches for it, and some authenticators send
//! zeros. It only names things; no decision depends on it.

use webauthn_rs::prelude::Uuid;

/// Known AAGUIDs and their names (names only, no icons).
///
/// Source: the community list "Passkey Provider AAGUIDs",
/// <https://github.com/passkeydeveloper/passkey-authenticator-aaguids>
/// (`aaguid.json` for passkey providers; security keys from its
/// `combined_aaguid.json`, which is built from the FIDO Alliance Metadata
/// Service), as of August 2026. The repository states no licence; only the
/// identifiers and product names (facts) are taken, none of its icons.
/// A selection: the passkey providers and the common security keys.
pub const KNOWN: &[(&str, &str)] = &[
    // Platform and browser passkey providers.
    ("fbfc3007-154e-4ecc-8c0b-6e020557d7bd", "iCloud Keychain"),
    (
        "dd4ec289-e01d-41c9-bb89-70fa845d4bf2",
        "iCloud Keychain (Managed)",
    ),
    (
        "ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4",
        "Google Password Manager",
    ),
    ("adce0002-35bc-c60a-648b-0b25f1f05503", "Chrome on Mac"),
    ("b5397666-4885-aa6b-cebf-e52262a439a2", "Chromium Browser"),
    ("771b48fd-d3d4-4f74-9232-fc157ab0507a", "Edge on Mac"),
    ("08987058-cadc-4b81-b6e1-30de50dcbe96", "Windows Hello"),
    ("9ddd1817-af5a-4672-a2b9-3e3dd95000a9", "Windows Hello"),
    ("6028b017-b1d4-4c02-b4b3-afcdafc96bb2", "Windows Hello"),
    (
        "d3452668-01fd-4c12-926c-83a4204853aa",
        "Microsoft Password Manager",
    ),
    ("53414d53-554e-4700-0000-000000000000", "Samsung Pass"),
    // Password managers.
    ("bada5566-a7aa-401f-bd96-45619a55120d", "1Password"),
    ("d548826e-79b4-db40-a3d8-11116f7e8349", "Bitwarden"),
    ("531126d6-e717-415c-9320-3d9aa6981239", "Dashlane"),
    ("b84e4048-15dc-4dd0-8640-f4f60813c8af", "NordPass"),
    ("0ea242b4-43c4-4a1b-8b17-dd6d0b6baec6", "Keeper"),
    ("f3809540-7f14-49c1-a8b3-8f813b225541", "Enpass"),
    ("b78a0a55-6ef8-d246-a042-ba0f6d55050c", "LastPass"),
    ("50726f74-6f6e-5061-7373-50726f746f6e", "Proton Pass"),
    ("fdb141b2-5d84-443e-8a35-4698c205a502", "KeePassXC"),
    ("eaecdef2-1c31-5634-8639-f1cbd9c00a08", "KeePassDX"),
    ("b35a26b2-8f6e-4697-ab1d-d44db4da28c6", "Zoho Vault"),
    ("de503f9c-21a4-4f76-b4b7-558eb55c6f89", "Devolutions"),
    ("a11a5faa-9f32-4b8c-8c5d-2f7d13e8c942", "AliasVault"),
    ("39a5647e-1853-446c-a1f6-a79bae9f5bc7", "IDmelon"),
    // Security keys.
    ("cb69481e-8ff7-4039-93ec-0a2729a154a8", "YubiKey 5 Series"),
    ("ee882879-721c-4913-9775-3dfcce97072a", "YubiKey 5 Series"),
    ("19083c3d-8383-4b18-bc03-8f1c9ab2fd1b", "YubiKey 5 Series"),
    (
        "fa2b99dc-9e39-4257-8f92-4a30d23c4118",
        "YubiKey 5 Series with NFC",
    ),
    (
        "a25342c0-3cdc-4414-8e46-f4807fca511c",
        "YubiKey 5 Series with NFC",
    ),
    (
        "2fc0579f-8113-47ea-b116-bb5a8db9202a",
        "YubiKey 5 Series with NFC",
    ),
    (
        "c5ef55ff-ad9a-4b9f-b580-adebafe026d0",
        "YubiKey 5 Series with Lightning",
    ),
    (
        "a02167b9-ae71-4ac7-9a07-06432ebb6f1c",
        "YubiKey 5 Series with Lightning",
    ),
    (
        "73bb0cd4-e502-49b8-9c6f-b59445bf720b",
        "YubiKey 5 FIPS Series",
    ),
    (
        "c1f9a0bc-1dd2-404a-b27f-8e29047a43fd",
        "YubiKey 5 FIPS Series with NFC",
    ),
    ("d8522d9f-575b-4866-88a9-ba99fa02f35b", "YubiKey Bio Series"),
    (
        "dd86a2da-86a0-4cbe-b462-4bd31f57bc6f",
        "YubiKey Bio FIDO Edition",
    ),
    (
        "b92c3f9a-c014-4056-887f-140a2501163b",
        "Security Key by Yubico",
    ),
    (
        "f8a011f3-8c0a-4d15-8006-17111f9edc7d",
        "Security Key by Yubico",
    ),
    (
        "149a2021-8ef6-4133-96b8-81f8d5b7f1f5",
        "Security Key by Yubico with NFC",
    ),
    (
        "6d44ba9b-f6ec-2e49-b930-0c8fe920cb73",
        "Security Key by Yubico with NFC",
    ),
    (
        "e77e3c64-05e3-428b-8824-0cbeb04b829d",
        "Security Key NFC by Yubico",
    ),
    (
        "a4e9fc6d-4cbe-4758-b8ba-37598bb5bbaa",
        "Security Key NFC by Yubico",
    ),
    (
        "42b4fb4a-2866-43b2-9bf7-6c6669c2e5d3",
        "Google Titan Security Key v2",
    ),
    ("2cd2f727-f6ca-44da-8f48-5c2e5da000a2", "Nitrokey 3 AM"),
    ("8876631b-d4a0-427f-5773-0ec71c9e0279", "Solo"),
    ("8976631b-d4a0-427f-5773-0ec71c9e0279", "Solo Tap"),
    ("998f358b-2dd2-4cbe-a43a-e8107438dfb3", "OnlyKey"),
    (
        "12ded745-4bed-47d4-abaa-e713f51d6393",
        "Feitian AllinOne FIDO2 Authenticator",
    ),
    (
        "77010bd7-212a-4fc9-b236-d2ca5e9d4084",
        "Feitian BioPass FIDO2 Authenticator",
    ),
    (
        "833b721a-ff5f-4d00-bb2e-bdda3ec01e29",
        "Feitian ePass FIDO2 Authenticator",
    ),
    (
        "ee041bce-25e5-4cdb-8f86-897fd6418464",
        "Feitian ePass FIDO2-NFC Authenticator",
    ),
    (
        "ab32f0c6-2239-afbb-c470-d2ef4e254db7",
        "TOKEN2 FIDO2 Security Key",
    ),
    ("341e4da9-3c2e-8103-5a9f-aad887135200", "Ledger Nano S"),
    ("fcb1bcb4-f370-078c-6993-bc24d0ae3fbe", "Ledger Nano X"),
];

/// The name of the authenticator model `aaguid`, when it is known.
#[must_use]
pub fn name_of(aaguid: &Uuid) -> Option<&'static str> {
    let text = aaguid.hyphenated().to_string();
    KNOWN
        .iter()
        .find(|(id, _)| *id == text)
        .map(|(_, name)| *name)
}

/// The AAGUID in an attestation object (CBOR, as the browser sends it at
/// registration): bytes 37..53 of its authenticator data when the
/// attested-credential-data flag is set. `None` when it is absent, all
/// zeros, or the object cannot be read.
#[must_use]
pub fn aaguid_of(attestation_object: &[u8]) -> Option<Uuid> {
    use serde_cbor_2::Value;
    let Value::Map(map) = serde_cbor_2::from_slice::<Value>(attestation_object).ok()? else {
        return None;
    };
    let auth_data = map.iter().find_map(|(k, v)| match (k, v) {
        (Value::Text(k), Value::Bytes(b)) if k == "authData" => Some(b),
        _ => None,
    })?;
    // rpIdHash (32) | flags (1) | signCount (4) | AAGUID (16) | ...
    const AT: u8 = 0x40;
    if auth_data.get(32).is_none_or(|f| f & AT == 0) {
        return None;
    }
    let bytes: [u8; 16] = auth_data.get(37..53)?.try_into().ok()?;
    let id = Uuid::from_bytes(bytes);
    (!id.is_nil()).then_some(id)
}

/// The name of the authenticator that made the credential in
/// `attestation_object`, when its AAGUID is known.
#[must_use]
pub fn name_from_attestation(attestation_object: &[u8]) -> Option<&'static str> {
    aaguid_of(attestation_object).as_ref().and_then(name_of)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_well_formed() {
        for (id, name) in KNOWN {
            let parsed = Uuid::parse_str(id).unwrap();
            assert_eq!(
                parsed.hyphenated().to_string(),
                *id,
                "lowercase, hyphenated"
            );
            assert!(!name.is_empty() && name.len() <= 64, "{name}");
        }
        let mut ids: Vec<_> = KNOWN.iter().map(|(id, _)| id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), KNOWN.len(), "no AAGUID twice");
    }

    fn attestation(flags: u8, aaguid: [u8; 16]) -> Vec<u8> {
        let mut auth_data = vec![0u8; 32];
        auth_data.push(flags);
        auth_data.extend([0, 0, 0, 0]);
        auth_data.extend(aaguid);
        auth_data.extend([0, 0]);
        let map = std::collections::BTreeMap::from([
            (
                serde_cbor_2::Value::Text("fmt".into()),
                serde_cbor_2::Value::Text("none".into()),
            ),
            (
                serde_cbor_2::Value::Text("authData".into()),
                serde_cbor_2::Value::Bytes(auth_data),
            ),
        ]);
        serde_cbor_2::to_vec(&serde_cbor_2::Value::Map(map)).unwrap()
    }

    #[test]
    fn known_aaguids_name_their_authenticator() {
        let icloud = Uuid::parse_str("fbfc3007-154e-4ecc-8c0b-6e020557d7bd").unwrap();
        assert_eq!(
            name_from_attestation(&attestation(0x45, *icloud.as_bytes())),
            Some("iCloud Keychain")
        );
        // Without the attested-credential-data flag, zeros, unknown ids and
        // garbage name nothing.
        assert_eq!(
            name_from_attestation(&attestation(0x05, *icloud.as_bytes())),
            None
        );
        assert_eq!(name_from_attestation(&attestation(0x45, [0; 16])), None);
        assert_eq!(name_from_attestation(&attestation(0x45, [7; 16])), None);
        assert_eq!(name_from_attestation(b"not cbor"), None);
        assert_eq!(name_from_attestation(&[]), None);
    }
}
