#![allow(clippy::expect_used)]

use super::*;
use proptest::prelude::*;

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .and_then(|d| d.and_hms_opt(h, min, 0))
        .expect("valid test time")
}

fn point(latitude: f64, longitude: f64) -> Option<GeoPoint> {
    Some(GeoPoint::new(latitude, longitude).expect("valid test point"))
}

/// Aquatic Park, Berkeley, and a spot about 400 m north of it.
const AQUATIC: (f64, f64) = (37.8617, -122.2960);
const AQUATIC_NORTH: (f64, f64) = (37.8653, -122.2960);

fn cleanup() -> Candidate {
    Candidate {
        title: "Saturday park cleanup at Aquatic Park".into(),
        summary: "Pick up litter along the shore and the paths.".into(),
        instructions: String::new(),
        category: "cleanup".into(),
        point: point(AQUATIC.0, AQUATIC.1),
        starts_at: Some(at(2026, 5, 16, 9, 0)),
        ends_at: Some(at(2026, 5, 16, 12, 0)),
    }
}

fn score_both_ways(a: &Candidate, b: &Candidate) -> Similarity {
    let ab = score(a, b);
    assert_eq!(ab, score(b, a), "scoring must be symmetric");
    ab
}

#[test]
fn similarity_normalize_folds_accents_punctuation_and_stop_words() {
    assert_eq!(
        normalize("¡Limpieza de los Parques, en Año Nuevo!"),
        vec!["limpieza", "parque", "ano", "nuevo"]
    );
    assert_eq!(normalize("The park's cleanups"), vec!["park", "cleanup"]);
    assert!(normalize(" ... ").is_empty());
}

#[test]
fn similarity_near_duplicate_reordered_words_scores_high_and_explains() {
    let draft = cleanup();
    let existing = Candidate {
        title: "Aquatic Park cleanup, Saturday".into(),
        summary: "Along the paths and the shore: pick up litter.".into(),
        point: point(AQUATIC_NORTH.0, AQUATIC_NORTH.1),
        starts_at: Some(at(2026, 5, 16, 10, 0)),
        ends_at: Some(at(2026, 5, 16, 13, 0)),
        ..cleanup()
    };
    let s = score_both_ways(&draft, &existing);
    assert!(s.score >= 80, "near duplicate scored {}", s.score);
    assert!(s.similar_enough());
    let reasons = &s.explanation.reasons;
    assert_eq!(reasons.first(), Some(&Reason::SameCategory));
    assert!(s
        .explanation
        .has(|r| matches!(r, Reason::TextSimilar { percent } if *percent >= 50)));
    assert!(s
        .explanation
        .has(|r| matches!(r, Reason::Nearby { meters } if (350..=450).contains(meters))));
    assert!(s.explanation.has(|r| *r
        == Reason::SameDay {
            date: at(2026, 5, 16, 0, 0).date(),
            part: Some(DayPart::Morning),
        }));
    assert!(s
        .explanation
        .has(|r| *r == Reason::TimeOverlap { minutes: 120 }));
    assert!(!s.explanation.has(|r| *r == Reason::DifferentCategory));
}

#[test]
fn similarity_spanish_accents_match_unaccented_text() {
    let a = Candidate {
        title: "Limpieza del parque acuático".into(),
        summary: "Recolección de basura en la orilla del lago.".into(),
        category: "cleanup".into(),
        ..Candidate::default()
    };
    let b = Candidate {
        title: "limpieza parque acuatico".into(),
        summary: "recoleccion basura orilla lago".into(),
        category: "cleanup".into(),
        ..Candidate::default()
    };
    let s = score_both_ways(&a, &b);
    assert_eq!(text_similarity_percent(&a, &b), 100);
    assert_eq!(s.score, 65, "all text points plus same category");
    assert_eq!(
        s.explanation.reasons,
        vec![Reason::SameCategory, Reason::TextSimilar { percent: 100 }]
    );
}

#[test]
fn similarity_same_words_different_category_scores_lower_and_says_so() {
    let draft = cleanup();
    let same = score_both_ways(&draft, &cleanup());
    let other = Candidate {
        category: "education".into(),
        ..cleanup()
    };
    let different = score_both_ways(&draft, &other);
    assert!(different.score < same.score);
    assert_eq!(
        same.score - different.score,
        u8::try_from(SAME_CATEGORY_POINTS + DIFFERENT_CATEGORY_PENALTY).expect("small")
    );
    assert_eq!(
        different.explanation.reasons.first(),
        Some(&Reason::DifferentCategory)
    );
    assert!(!different.explanation.has(|r| *r == Reason::SameCategory));
    // Same text without place or time: different category keeps it below the bar.
    let bare = |c: &str| Candidate {
        category: c.into(),
        point: None,
        starts_at: None,
        ends_at: None,
        ..cleanup()
    };
    assert!(!score_both_ways(&bare("cleanup"), &bare("education")).similar_enough());
    assert!(score_both_ways(&bare("cleanup"), &bare("cleanup")).similar_enough());
}

#[test]
fn similarity_same_place_different_day_is_nearby_but_not_same_day() {
    let draft = cleanup();
    let next_week = Candidate {
        starts_at: Some(at(2026, 5, 23, 9, 0)),
        ends_at: Some(at(2026, 5, 23, 12, 0)),
        ..cleanup()
    };
    let s = score_both_ways(&draft, &next_week);
    assert!(s.explanation.has(|r| *r == Reason::Nearby { meters: 0 }));
    assert!(!s.explanation.has(|r| matches!(r, Reason::SameDay { .. })));
    assert!(!s
        .explanation
        .has(|r| matches!(r, Reason::TimeOverlap { .. })));
    let same_day = score_both_ways(&draft, &cleanup());
    assert_eq!(
        same_day.score - s.score,
        u8::try_from(SAME_DAY_POINTS + TIME_OVERLAP_POINTS).expect("small")
    );
    assert!(s.similar_enough());
}

#[test]
fn similarity_same_day_different_part_of_day_has_no_part() {
    let evening = Candidate {
        starts_at: Some(at(2026, 5, 16, 18, 0)),
        ends_at: Some(at(2026, 5, 16, 20, 0)),
        ..cleanup()
    };
    let s = score_both_ways(&cleanup(), &evening);
    assert!(s
        .explanation
        .has(|r| matches!(r, Reason::SameDay { part: None, .. })));
    assert!(!s
        .explanation
        .has(|r| matches!(r, Reason::TimeOverlap { .. })));
}

#[test]
fn similarity_far_away_place_is_not_nearby() {
    let oakland = Candidate {
        point: point(37.8044, -122.2712),
        ..cleanup()
    };
    let s = score_both_ways(&cleanup(), &oakland);
    assert!(
        distance_meters(
            GeoPoint::new(AQUATIC.0, AQUATIC.1).expect("valid"),
            GeoPoint::new(37.8044, -122.2712).expect("valid")
        ) > NEARBY_METERS
    );
    assert!(!s.explanation.has(|r| matches!(r, Reason::Nearby { .. })));
}

#[test]
fn similarity_unrelated_text_scores_low() {
    let tutoring = Candidate {
        title: "After-school math tutoring".into(),
        summary: "Help fifth graders with fractions at the library.".into(),
        instructions: String::new(),
        category: "education".into(),
        point: point(37.8690, -122.2680),
        starts_at: Some(at(2026, 5, 19, 15, 0)),
        ends_at: Some(at(2026, 5, 19, 17, 0)),
    };
    let s = score_both_ways(&cleanup(), &tutoring);
    assert_eq!(s.score, 0);
    assert!(!s.similar_enough());
    assert_eq!(s.explanation.reasons, vec![Reason::DifferentCategory]);
}

#[test]
fn similarity_instructions_count_only_when_both_have_them() {
    let with = Candidate {
        instructions: "Bring gloves; meet at the boathouse.".into(),
        ..cleanup()
    };
    assert_eq!(text_similarity_percent(&with, &cleanup()), 100);
    let other = Candidate {
        instructions: "Wear a hat and sunscreen.".into(),
        ..cleanup()
    };
    assert!(text_similarity_percent(&with, &other) < 100);
}

#[test]
fn similarity_table_of_overlap_minutes() {
    let d = |h: u32, m: u32| at(2026, 5, 16, h, m);
    let table = [
        ((d(9, 0), d(12, 0)), (d(10, 0), d(13, 0)), 120),
        ((d(9, 0), d(12, 0)), (d(12, 0), d(13, 0)), 0), // half-open: touching is not overlapping
        ((d(9, 0), d(12, 0)), (d(9, 30), d(9, 45)), 15),
        ((d(9, 0), d(12, 0)), (d(14, 0), d(15, 0)), 0),
    ];
    for (a, b, minutes) in table {
        assert_eq!(overlap_minutes(a, b), minutes, "{a:?} {b:?}");
        assert_eq!(overlap_minutes(b, a), minutes, "{b:?} {a:?}");
    }
}

#[test]
fn similarity_reason_serializes_with_tag_and_parameters() {
    let json = serde_json::to_value(Reason::Nearby { meters: 400 }).expect("serializes");
    assert_eq!(json, serde_json::json!({"reason": "nearby", "meters": 400}));
    assert_eq!(
        Reason::Nearby { meters: 400 }.message_id(),
        "overlap-reason-nearby"
    );
}

fn arb_candidate() -> impl Strategy<Value = Candidate> {
    let words = prop::sample::select(vec![
        "park",
        "cleanup",
        "parque",
        "limpieza",
        "acuático",
        "Saturday",
        "tutoring",
        "the",
        "de",
        "garden",
        "jardín",
        "shore",
        "litter",
        "basura",
    ]);
    let text = prop::collection::vec(words, 0..8).prop_map(|w| w.join(" "));
    let category = prop::sample::select(vec!["", "cleanup", "education", "garden"]);
    let point = prop::option::of((37.80f64..37.90, -122.35f64..-122.25));
    let start = prop::option::of((0i64..14 * 24 * 60, 30i64..600));
    (text.clone(), text, category, point, start).prop_map(|(title, summary, category, p, s)| {
        let base = at(2026, 5, 11, 0, 0);
        Candidate {
            title,
            summary,
            instructions: String::new(),
            category: category.into(),
            point: p.and_then(|(la, lo)| GeoPoint::new(la, lo).ok()),
            starts_at: s.map(|(m, _)| base + chrono::Duration::minutes(m)),
            ends_at: s.map(|(m, len)| base + chrono::Duration::minutes(m + len)),
        }
    })
}

proptest! {
    #[test]
    fn similarity_is_symmetric_deterministic_and_bounded(a in arb_candidate(), b in arb_candidate()) {
        let ab = score(&a, &b);
        prop_assert_eq!(&ab, &score(&b, &a));
        prop_assert_eq!(&ab, &score(&a, &b));
        prop_assert!(ab.score <= 100);
    }

    #[test]
    fn similarity_with_itself_is_at_least_as_high(a in arb_candidate(), b in arb_candidate()) {
        let same = a.category == b.category;
        prop_assume!(same);
        prop_assert!(score(&a, &a).score >= score(&a, &b).score);
    }
}
