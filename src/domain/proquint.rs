//! Proquints: pronounceable identifiers such as `lusab-babad`.
//!
//! A userid is 32 random bits written as two five-letter quints
//! (see <https://arxiv.org/html/0901.4016>).

use rand::Rng;

const CONSONANTS: &[u8; 16] = b"bdfghjklmnprstvz";
const VOWELS: &[u8; 4] = b"aiou";

/// Encodes 16 bits as one quint (consonant-vowel-consonant-vowel-consonant).
fn quint(mut bits: u16, out: &mut String) {
    let mut chars = [0u8; 5];
    for (i, c) in chars.iter_mut().enumerate().rev() {
        if i % 2 == 0 {
            *c = CONSONANTS[usize::from(bits & 0xF)];
            bits >>= 4;
        } else {
            *c = VOWELS[usize::from(bits & 0x3)];
            bits >>= 2;
        }
    }
    out.extend(chars.iter().map(|&b| char::from(b)));
}

/// Encodes a 32-bit value as `xxxxx-xxxxx`.
#[must_use]
pub fn encode(value: u32) -> String {
    let mut out = String::with_capacity(11);
    quint(u16::try_from(value >> 16).unwrap_or(0), &mut out);
    out.push('-');
    quint(u16::try_from(value & 0xFFFF).unwrap_or(0), &mut out);
    out
}

/// Decodes `xxxxx-xxxxx` back to its value; `None` when it is not a proquint.
#[must_use]
pub fn decode(text: &str) -> Option<u32> {
    let (hi, lo) = text.split_once('-')?;
    Some((u32::from(decode_quint(hi)?) << 16) | u32::from(decode_quint(lo)?))
}

fn decode_quint(text: &str) -> Option<u16> {
    let bytes = text.as_bytes();
    if bytes.len() != 5 {
        return None;
    }
    let mut value: u16 = 0;
    for (i, b) in bytes.iter().enumerate() {
        if i % 2 == 0 {
            let pos = CONSONANTS.iter().position(|c| c == b)?;
            value = (value << 4) | u16::try_from(pos).ok()?;
        } else {
            let pos = VOWELS.iter().position(|c| c == b)?;
            value = (value << 2) | u16::try_from(pos).ok()?;
        }
    }
    Some(value)
}

/// A fresh random userid.
#[must_use]
pub fn random_userid() -> String {
    encode(rand::rng().random())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values_round_trip() {
        // 127.0.0.1 from the proquint paper.
        assert_eq!(encode(0x7F00_0001), "lusab-babad");
        assert_eq!(decode("lusab-babad"), Some(0x7F00_0001));
        for v in [0, 1, u32::MAX, 0xDEAD_BEEF] {
            assert_eq!(decode(&encode(v)), Some(v));
        }
        assert_eq!(decode("lusab"), None);
        assert_eq!(decode("lusab-babax"), None);
    }
}
