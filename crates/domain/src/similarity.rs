//! Overlap detection: how alike a draft is to a template or opportunity that already
//! exists, as a score and the reasons behind it.
//!
//! Deterministic and explainable on purpose: an issuer is told *why* something looks
//! like a duplicate ("same category, 400 m away, same Saturday morning"), so every
//! point of the score comes from one named [`Reason`]. No randomness, no floating
//! point in the final sum: the text percentage and the distance are rounded to whole
//! numbers first and the rest is integer arithmetic, so the same pair always scores
//! the same on every machine, and `score(a, b) == score(b, a)`.
//!
//! The score out of 100 is the sum of:
//! - text: up to [`TEXT_POINTS`], proportional to the text similarity percentage
//!   (60 % Jaccard over word 1-grams + 40 % over 2-grams of the normalized title,
//!   summary and, when both sides have them, instructions);
//! - category: [`SAME_CATEGORY_POINTS`] when equal, minus [`DIFFERENT_CATEGORY_PENALTY`]
//!   when both are known and differ;
//! - place: up to [`PLACE_POINTS`] when both have coordinates, falling linearly to 0 at
//!   [`NEARBY_METERS`];
//! - time: [`SAME_DAY_POINTS`] when both start on the same calendar day, plus
//!   [`TIME_OVERLAP_POINTS`] when the `[starts_at, ends_at)` intervals overlap;
//!
//! clamped to `0..=100`.

use crate::work::GeoPoint;
use chrono::{NaiveDate, NaiveDateTime, Timelike};
use serde::Serialize;
use std::collections::BTreeSet;

/// At or above this score a match is worth showing to the issuer.
pub const SIMILAR_ENOUGH: u8 = 40;

pub const TEXT_POINTS: u32 = 45;
pub const SAME_CATEGORY_POINTS: u32 = 20;
pub const DIFFERENT_CATEGORY_PENALTY: u32 = 15;
pub const PLACE_POINTS: u32 = 20;
pub const SAME_DAY_POINTS: u32 = 7;
pub const TIME_OVERLAP_POINTS: u32 = 8;

/// Beyond this distance two places are not "nearby" and earn no points.
pub const NEARBY_METERS: u32 = 2_000;
/// Below this text similarity the text is not mentioned as a reason (it still scores).
pub const TEXT_MENTION_PERCENT: u8 = 25;

const UNIGRAM_WEIGHT: u32 = 60;
const BIGRAM_WEIGHT: u32 = 40;
const EARTH_RADIUS_METERS: f64 = 6_371_008.8;

/// Words too common to say anything about the work, in English and Spanish (already
/// folded to ASCII, as [`normalize`] produces them).
const STOP_WORDS: &[&str] = &[
    // English
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "into", "is", "it", "its",
    "of", "on", "or", "our", "the", "their", "this", "to", "us", "we", "with", "you",
    "your", // Spanish
    "al", "con", "de", "del", "el", "en", "es", "la", "las", "lo", "los", "para", "por", "su",
    "sus", "un", "una", "unas", "unos", "y", "o", "que", "se", "nuestro", "nuestra",
];

/// One side of a comparison: a draft, a template or an opportunity, reduced to what
/// the scoring looks at.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Candidate {
    pub title: String,
    pub summary: String,
    pub instructions: String,
    /// Category id from the taxonomy; empty when unknown.
    pub category: String,
    pub point: Option<GeoPoint>,
    pub starts_at: Option<NaiveDateTime>,
    pub ends_at: Option<NaiveDateTime>,
}

/// A coarse part of the day, so "same Saturday morning" can be said.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DayPart {
    /// Before noon.
    Morning,
    /// Noon to 17:00.
    Afternoon,
    /// From 17:00.
    Evening,
}

impl DayPart {
    pub fn of(at: NaiveDateTime) -> DayPart {
        match at.hour() {
            0..=11 => DayPart::Morning,
            12..=16 => DayPart::Afternoon,
            _ => DayPart::Evening,
        }
    }
}

/// Why two candidates look alike (or not), in the order they are shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Reason {
    SameCategory,
    DifferentCategory,
    TextSimilar {
        percent: u8,
    },
    Nearby {
        meters: u32,
    },
    /// Both start on `date`; `part` when they also start in the same part of the day.
    SameDay {
        date: NaiveDate,
        part: Option<DayPart>,
    },
    TimeOverlap {
        minutes: u32,
    },
}

impl Reason {
    /// The Fluent message id a presentation uses to render this reason.
    pub fn message_id(&self) -> &'static str {
        match self {
            Reason::SameCategory => "overlap-reason-same-category",
            Reason::DifferentCategory => "overlap-reason-different-category",
            Reason::TextSimilar { .. } => "overlap-reason-text-similar",
            Reason::Nearby { .. } => "overlap-reason-nearby",
            Reason::SameDay { .. } => "overlap-reason-same-day",
            Reason::TimeOverlap { .. } => "overlap-reason-time-overlap",
        }
    }
}

/// The reasons behind a score, in a fixed order: category, text, place, time.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(transparent)]
pub struct Explanation {
    pub reasons: Vec<Reason>,
}

impl Explanation {
    pub fn has(&self, wanted: impl Fn(&Reason) -> bool) -> bool {
        self.reasons.iter().any(wanted)
    }
}

/// A score out of 100 and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Similarity {
    pub score: u8,
    pub explanation: Explanation,
}

impl Similarity {
    pub fn similar_enough(&self) -> bool {
        self.score >= SIMILAR_ENOUGH
    }
}

/// Compares two candidates. Symmetric and deterministic.
pub fn score(a: &Candidate, b: &Candidate) -> Similarity {
    let mut points: u32 = 0;
    let mut penalty: u32 = 0;
    let mut reasons = Vec::new();

    let (ca, cb) = (a.category.trim(), b.category.trim());
    if !ca.is_empty() && !cb.is_empty() {
        if ca == cb {
            points += SAME_CATEGORY_POINTS;
            reasons.push(Reason::SameCategory);
        } else {
            penalty += DIFFERENT_CATEGORY_PENALTY;
            reasons.push(Reason::DifferentCategory);
        }
    }

    let percent = text_similarity_percent(a, b);
    points += (u32::from(percent) * TEXT_POINTS + 50) / 100;
    if percent >= TEXT_MENTION_PERCENT {
        reasons.push(Reason::TextSimilar { percent });
    }

    if let (Some(pa), Some(pb)) = (a.point, b.point) {
        let meters = distance_meters(pa, pb);
        if meters <= NEARBY_METERS {
            points += PLACE_POINTS * (NEARBY_METERS - meters) / NEARBY_METERS;
            reasons.push(Reason::Nearby { meters });
        }
    }

    if let (Some(sa), Some(sb)) = (a.starts_at, b.starts_at) {
        if sa.date() == sb.date() {
            points += SAME_DAY_POINTS;
            let part = Some(DayPart::of(sa)).filter(|p| *p == DayPart::of(sb));
            reasons.push(Reason::SameDay {
                date: sa.date(),
                part,
            });
        }
        if let (Some(ea), Some(eb)) = (a.ends_at, b.ends_at) {
            let minutes = overlap_minutes((sa, ea), (sb, eb));
            if minutes > 0 {
                points += TIME_OVERLAP_POINTS;
                reasons.push(Reason::TimeOverlap { minutes });
            }
        }
    }

    let total = points.saturating_sub(penalty).min(100);
    Similarity {
        score: u8::try_from(total).unwrap_or(100),
        explanation: Explanation { reasons },
    }
}

/// Lowercased, accents folded to ASCII, punctuation removed, stop words dropped and a
/// plural `s` trimmed, so "Limpieza de los Parques" and "limpieza parque" agree.
pub fn normalize(text: &str) -> Vec<String> {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match fold(c) {
            Some(f) => folded.push(f),
            // "park's" is "parks", not "park" and "s".
            None if c == '\'' || c == '’' => {}
            None if c.is_alphanumeric() => folded.push(c),
            None => folded.push(' '),
        }
    }
    folded
        .split_whitespace()
        .filter(|w| w.len() > 1 && !STOP_WORDS.contains(w))
        .map(stem)
        .collect()
}

/// Simple ASCII folding for the Latin letters Spanish (and a few neighbours) use.
fn fold(c: char) -> Option<char> {
    Some(match c {
        'a'..='z' | '0'..='9' => c,
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
        'ú' | 'ù' | 'û' | 'ü' => 'u',
        'ñ' => 'n',
        'ç' => 'c',
        _ => return None,
    })
}

/// Trims one plural ending: "parques" -> "parque", "cleanups" -> "cleanup". Crude, but
/// the same on both sides, which is what matters for overlap.
fn stem(word: &str) -> String {
    let trimmed = if word.len() > 3 && word.ends_with('s') && !word.ends_with("ss") {
        word.strip_suffix('s').unwrap_or(word)
    } else {
        word
    };
    trimmed.to_owned()
}

fn words_of(c: &Candidate, with_instructions: bool) -> Vec<String> {
    let mut words = normalize(&c.title);
    words.extend(normalize(&c.summary));
    if with_instructions {
        words.extend(normalize(&c.instructions));
    }
    words
}

fn unigrams(words: &[String]) -> BTreeSet<String> {
    words.iter().cloned().collect()
}

fn bigrams(words: &[String]) -> BTreeSet<String> {
    words.windows(2).map(|w| w.join(" ")).collect()
}

/// Jaccard index in whole percent; two empty sets share nothing.
fn jaccard_percent(a: &BTreeSet<String>, b: &BTreeSet<String>) -> Option<u32> {
    let union = a.union(b).count();
    if union == 0 {
        return None;
    }
    let shared = a.intersection(b).count();
    // Both counts are small (text is length-capped); u32 is plenty.
    let shared = u32::try_from(shared).unwrap_or(u32::MAX);
    let union = u32::try_from(union).unwrap_or(u32::MAX).max(1);
    Some((shared * 100 + union / 2) / union)
}

/// Text similarity in percent over title, summary and — only when both sides have
/// them, so an empty field does not dilute the comparison — instructions.
pub fn text_similarity_percent(a: &Candidate, b: &Candidate) -> u8 {
    let with_instructions = !a.instructions.trim().is_empty() && !b.instructions.trim().is_empty();
    let (wa, wb) = (
        words_of(a, with_instructions),
        words_of(b, with_instructions),
    );
    let uni = jaccard_percent(&unigrams(&wa), &unigrams(&wb));
    let bi = jaccard_percent(&bigrams(&wa), &bigrams(&wb));
    let percent = match (uni, bi) {
        (Some(u), Some(b)) => (u * UNIGRAM_WEIGHT + b * BIGRAM_WEIGHT + 50) / 100,
        (Some(u), None) => u,
        _ => 0,
    };
    u8::try_from(percent.min(100)).unwrap_or(100)
}

/// Great-circle distance (haversine), rounded to the metre. The two points are put in
/// a fixed order first so the floating-point result is the same both ways round.
pub fn distance_meters(a: GeoPoint, b: GeoPoint) -> u32 {
    let (p, q) = if (a.latitude, a.longitude)
        .partial_cmp(&(b.latitude, b.longitude))
        .is_some_and(|o| o.is_le())
    {
        (a, b)
    } else {
        (b, a)
    };
    let (lat1, lat2) = (p.latitude.to_radians(), q.latitude.to_radians());
    let dlat = lat2 - lat1;
    let dlon = (q.longitude - p.longitude).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
    let meters = 2.0 * EARTH_RADIUS_METERS * h.clamp(0.0, 1.0).sqrt().asin();
    // At most half the Earth's circumference (~20 000 km), well inside u32.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let rounded = meters.round().clamp(0.0, f64::from(u32::MAX)) as u32;
    rounded
}

/// Minutes shared by two half-open intervals `[start, end)`; 0 when they do not meet.
pub fn overlap_minutes(
    a: (NaiveDateTime, NaiveDateTime),
    b: (NaiveDateTime, NaiveDateTime),
) -> u32 {
    let start = a.0.max(b.0);
    let end = a.1.min(b.1);
    if end <= start {
        return 0;
    }
    u32::try_from((end - start).num_minutes()).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests;
