//! Actors, follows, deliveries, received activities, publications and remote objects.

diesel::table! {
    actors (id) {
        id -> Text,
        ap_id -> Text,
        kind -> Text,
        preferred_username -> Text,
        name -> Nullable<Text>,
        inbox -> Text,
        shared_inbox -> Nullable<Text>,
        public_key_pem -> Text,
        domain -> Text,
        fetched_at -> Timestamp,
        assertion_key -> Nullable<Text>,
    }
}

diesel::table! {
    follows (id) {
        id -> Text,
        follower_ap_id -> Text,
        following_ap_id -> Text,
        state -> Text,
        activity_id -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    deliveries (id) {
        id -> Text,
        activity_id -> Text,
        actor_ap_id -> Text,
        inbox -> Text,
        peer_domain -> Text,
        body -> Text,
        created_at -> Timestamp,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        locked_until -> Nullable<Timestamp>,
        delivered_at -> Nullable<Timestamp>,
        failed_at -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
    }
}

diesel::table! {
    received_activities (activity_id) {
        activity_id -> Text,
        actor_ap_id -> Text,
        received_at -> Timestamp,
    }
}

diesel::table! {
    publications (id) {
        id -> Text,
        kind -> Text,
        object_id -> Text,
        verb -> Text,
        occurred_at -> Timestamp,
        processed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    remote_objects (id) {
        id -> Text,
        ap_id -> Text,
        kind -> Text,
        attributed_to -> Text,
        domain -> Text,
        via -> Nullable<Text>,
        name -> Text,
        summary -> Text,
        document -> Text,
        content -> Nullable<Text>,
        starts_at -> Nullable<Timestamp>,
        proof_verified -> Bool,
        published_at -> Timestamp,
        updated_at -> Timestamp,
        deleted_at -> Nullable<Timestamp>,
        received_at -> Timestamp,
    }
}

diesel::table! {
    template_adoptions (copy_ap_id) {
        copy_ap_id -> Text,
        template_id -> Text,
        adopter_actor -> Text,
        adopter_domain -> Text,
        adopted_at -> Timestamp,
    }
}

diesel::table! {
    domain_policies (domain) {
        domain -> Text,
        policy -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    /// One row: bumped with every change of `domain_policies` (issue 29).
    domain_policy_version (id) {
        id -> Integer,
        version -> BigInt,
    }
}

diesel::table! {
    peers (domain) {
        domain -> Text,
        reachable -> Bool,
        last_success_at -> Nullable<Timestamp>,
        failing_since -> Nullable<Timestamp>,
        next_probe_at -> Nullable<Timestamp>,
        received -> BigInt,
        duplicates -> BigInt,
        ignored -> BigInt,
        signature_scheme -> Nullable<Text>,
    }
}
