//! The diesel schema, kept by hand in step with `migrations/{sqlite,postgres}`.
//! Only plain column types are used, so one schema serves both backends through `MultiConnection`.

diesel::table! {
    users (id) {
        id -> Text,
        email -> Text,
        name -> Text,
        password_hash -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    teams (id) {
        id -> Text,
        name -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    memberships (id) {
        id -> Text,
        team_id -> Text,
        user_id -> Text,
        role -> Text,
        created_at -> Timestamp,
        match_digest -> Bool,
        reminder_email -> Bool,
        overdue_digest -> Bool,
    }
}

diesel::table! {
    invites (id) {
        id -> Text,
        team_id -> Text,
        email -> Text,
        role -> Text,
        token_hash -> Text,
        invited_by -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        accepted_at -> Nullable<Timestamp>,
        accepted_by -> Nullable<Text>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    refresh_tokens (id) {
        id -> Text,
        family_id -> Text,
        user_id -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    outbox_mails (id) {
        id -> Text,
        to_address -> Text,
        subject -> Text,
        body_text -> Text,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        locked_until -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
        from_name -> Nullable<Text>,
        reply_to -> Nullable<Text>,
    }
}

diesel::table! {
    sources (id) {
        id -> Text,
        team_id -> Text,
        kind -> Text,
        name -> Text,
        state -> Text,
        error -> Nullable<Text>,
        contacts -> BigInt,
        matches -> BigInt,
        settings -> Nullable<Text>,
        secret -> Nullable<Text>,
        secret_key_id -> Nullable<Text>,
        created_by -> Nullable<Text>,
        synced_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        former_subscribers -> BigInt,
    }
}

diesel::table! {
    source_numbers (number) {
        number -> BigInt,
        source_id -> Text,
    }
}

diesel::table! {
    contacts (source_number, email_hash) {
        source_number -> BigInt,
        email_hash -> Text,
        instagram_hash -> Nullable<Text>,
        tiktok_hash -> Nullable<Text>,
        youtube_hash -> Nullable<Text>,
        detail -> Text,
        subscribed -> Bool,
    }
}

diesel::table! {
    source_matches (id) {
        id -> Text,
        team_id -> Text,
        source_id -> Text,
        email_hash -> Text,
        creator_id -> Nullable<Text>,
        influencer_id -> Nullable<Text>,
        matched_by -> Text,
        detail -> Text,
        dismissed -> Bool,
        created_at -> Timestamp,
        link -> Nullable<Text>,
    }
}

diesel::table! {
    facebook_logins (id) {
        id -> Text,
        team_id -> Text,
        user_id -> Text,
        connect -> Text,
        state_hash -> Text,
        secret -> Nullable<Text>,
        secret_key_id -> Nullable<Text>,
        created_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    presence (user_id, server_id) {
        user_id -> Text,
        server_id -> Text,
        seen_until -> Timestamp,
    }
}

diesel::table! {
    jobs (id) {
        id -> Text,
        kind -> Text,
        subject -> Text,
        team_id -> Nullable<Text>,
        status -> Text,
        attempts -> Integer,
        run_at -> Timestamp,
        locked_until -> Nullable<Timestamp>,
        cursor -> Nullable<Text>,
        progress_done -> BigInt,
        progress_total -> Nullable<BigInt>,
        every_seconds -> Nullable<BigInt>,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        finished_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    creators (id) {
        id -> Text,
        user_id -> Text,
        display_name -> Text,
        bio -> Nullable<Text>,
        country -> Nullable<Text>,
        city -> Nullable<Text>,
        discoverable -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        revision -> BigInt,
    }
}

diesel::table! {
    connection_invites (id) {
        id -> Text,
        team_id -> Text,
        creator_id -> Text,
        invited_by -> Text,
        message -> Nullable<Text>,
        status -> Text,
        accept_token_hash -> Text,
        decline_token_hash -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        decided_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    connections (id) {
        id -> Text,
        team_id -> Text,
        creator_id -> Text,
        influencer_id -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    notifications (id) {
        id -> Text,
        user_id -> Text,
        kind -> Text,
        text -> Text,
        team_id -> Nullable<Text>,
        creator_id -> Nullable<Text>,
        invite_id -> Nullable<Text>,
        created_at -> Timestamp,
        read_at -> Nullable<Timestamp>,
        conversation_id -> Nullable<Text>,
        influencer_id -> Nullable<Text>,
    }
}

diesel::table! {
    conversations (id) {
        id -> Text,
        team_id -> Text,
        influencer_id -> Text,
        reply_token -> Text,
        team_read_upto -> Nullable<Text>,
        influencer_read_upto -> Nullable<Text>,
        creator_mailed_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    messages (id) {
        id -> Text,
        conversation_id -> Text,
        side -> Text,
        author_id -> Nullable<Text>,
        author_name -> Text,
        text -> Text,
        by_email -> Bool,
        email_message_id -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    network_revision (id) {
        id -> Integer,
        revision -> BigInt,
    }
}

diesel::table! {
    creator_categories (creator_id, category) {
        creator_id -> Text,
        category -> Text,
        position -> Integer,
    }
}

diesel::table! {
    creator_languages (creator_id, language) {
        creator_id -> Text,
        language -> Text,
        position -> Integer,
    }
}

diesel::table! {
    creator_accounts (id) {
        id -> Text,
        creator_id -> Text,
        platform -> Text,
        handle -> Text,
        handle_key -> Text,
        followers -> Nullable<BigInt>,
        self_reported -> Bool,
        engagement_rate -> Nullable<Double>,
        created_at -> Timestamp,
        verified_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    account_verifications (id) {
        id -> Text,
        user_id -> Text,
        platform -> Text,
        share_figures -> Bool,
        state_hash -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    api_keys (id) {
        id -> Text,
        team_id -> Text,
        user_id -> Text,
        name -> Text,
        prefix -> Text,
        secret_hash -> Text,
        scope -> Text,
        expires_at -> Nullable<Timestamp>,
        last_used_at -> Nullable<Timestamp>,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    webhook_endpoints (id) {
        id -> Text,
        team_id -> Text,
        url -> Text,
        events -> Text,
        secret -> Text,
        secret_key_id -> Text,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
        failing_since -> Nullable<Timestamp>,
        disabled_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    webhook_deliveries (id) {
        id -> Text,
        endpoint_id -> Text,
        event -> Text,
        payload -> Text,
        status -> Text,
        attempts -> Integer,
        response_status -> Nullable<Integer>,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        delivered_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    idempotency_keys (scope, idempotency_key) {
        scope -> Text,
        idempotency_key -> Text,
        fingerprint -> Text,
        status -> Nullable<Integer>,
        content_type -> Nullable<Text>,
        location -> Nullable<Text>,
        body -> Nullable<Text>,
        created_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    creator_logins (account_id) {
        account_id -> Text,
        external_id -> Text,
        access_token -> Text,
        refresh_token -> Nullable<Text>,
        secret_key_id -> Text,
        access_expires_at -> Nullable<Timestamp>,
        refresh_expires_at -> Nullable<Timestamp>,
        share_figures -> Bool,
        problem -> Nullable<Text>,
        connected_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    favourites (team_id, creator_id) {
        team_id -> Text,
        creator_id -> Text,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::joinable!(jobs -> teams (team_id));
diesel::joinable!(presence -> users (user_id));
diesel::joinable!(sources -> teams (team_id));
diesel::joinable!(source_numbers -> sources (source_id));
diesel::joinable!(facebook_logins -> teams (team_id));
diesel::joinable!(source_matches -> sources (source_id));
diesel::joinable!(source_matches -> creators (creator_id));
diesel::joinable!(source_matches -> influencers (influencer_id));
diesel::joinable!(favourites -> creators (creator_id));
diesel::joinable!(favourites -> teams (team_id));
diesel::joinable!(creators -> users (user_id));
diesel::joinable!(creator_categories -> creators (creator_id));
diesel::joinable!(creator_languages -> creators (creator_id));
diesel::joinable!(creator_accounts -> creators (creator_id));
diesel::joinable!(creator_logins -> creator_accounts (account_id));
diesel::joinable!(api_keys -> teams (team_id));
diesel::joinable!(webhook_endpoints -> teams (team_id));
diesel::joinable!(webhook_deliveries -> webhook_endpoints (endpoint_id));
diesel::joinable!(account_verifications -> users (user_id));
diesel::joinable!(connection_invites -> creators (creator_id));
diesel::joinable!(connection_invites -> teams (team_id));
diesel::joinable!(connections -> creators (creator_id));
diesel::joinable!(connections -> teams (team_id));
diesel::joinable!(messages -> conversations (conversation_id));
diesel::joinable!(conversations -> teams (team_id));
diesel::joinable!(conversations -> influencers (influencer_id));

diesel::joinable!(memberships -> teams (team_id));
diesel::joinable!(memberships -> users (user_id));
diesel::joinable!(invites -> teams (team_id));
diesel::joinable!(refresh_tokens -> users (user_id));

diesel::table! {
    influencers (id) {
        id -> Text,
        team_id -> Text,
        display_name -> Text,
        email -> Nullable<Text>,
        phone -> Nullable<Text>,
        ship_name -> Nullable<Text>,
        ship_line1 -> Nullable<Text>,
        ship_line2 -> Nullable<Text>,
        ship_city -> Nullable<Text>,
        ship_region -> Nullable<Text>,
        ship_postal_code -> Nullable<Text>,
        ship_country -> Nullable<Text>,
        tags -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    platform_accounts (id) {
        id -> Text,
        team_id -> Text,
        influencer_id -> Text,
        platform -> Text,
        handle -> Text,
        handle_key -> Text,
        followers -> Nullable<BigInt>,
        posts -> Nullable<BigInt>,
        engagement_rate -> Nullable<Double>,
        stats_updated_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        avg_likes -> Nullable<Double>,
        avg_comments -> Nullable<Double>,
        avg_views -> Nullable<Double>,
        stats_source -> Nullable<Text>,
        stats_problem -> Nullable<Text>,
    }
}

diesel::table! {
    account_snapshots (account_id, day) {
        account_id -> Text,
        day -> Integer,
        followers -> Nullable<BigInt>,
        posts -> Nullable<BigInt>,
        engagement_rate -> Nullable<Double>,
        source -> Text,
    }
}

diesel::table! {
    posts (id) {
        id -> Text,
        team_id -> Text,
        account_id -> Text,
        external_id -> Text,
        link -> Nullable<Text>,
        caption -> Nullable<Text>,
        thumbnail_url -> Nullable<Text>,
        posted_at -> Nullable<Timestamp>,
        likes -> Nullable<BigInt>,
        comments -> Nullable<BigInt>,
        views -> Nullable<BigInt>,
        source -> Text,
        read_at -> Timestamp,
        created_at -> Timestamp,
    }
}

diesel::table! {
    board_tracking (board_id) {
        board_id -> Text,
        hashtag -> Text,
        since -> Timestamp,
        set_by -> Nullable<Text>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    board_posts (board_id, post_id) {
        board_id -> Text,
        post_id -> Text,
        hashtag -> Nullable<Text>,
        added_by -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    team_integrations (team_id, provider) {
        team_id -> Text,
        provider -> Text,
        secret -> Text,
        secret_key_id -> Text,
        hint -> Text,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    boards (id) {
        id -> Text,
        team_id -> Text,
        name -> Text,
        archived_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    board_columns (id) {
        id -> Text,
        board_id -> Text,
        name -> Text,
        sort_key -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    cards (id) {
        id -> Text,
        board_id -> Text,
        column_id -> Text,
        influencer_id -> Text,
        sort_key -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    labels (id) {
        id -> Text,
        board_id -> Text,
        name -> Text,
        name_key -> Text,
        color -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    card_labels (card_id, label_id) {
        card_id -> Text,
        label_id -> Text,
    }
}

diesel::table! {
    notes (id) {
        id -> Text,
        influencer_id -> Text,
        kind -> Text,
        author_id -> Text,
        body -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    reminders (id) {
        id -> Text,
        team_id -> Text,
        influencer_id -> Text,
        text -> Text,
        due_at -> Timestamp,
        assignee_id -> Text,
        created_by -> Text,
        done_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        notified_for -> Nullable<Timestamp>,
    }
}

diesel::table! {
    activities (id) {
        id -> Text,
        influencer_id -> Nullable<Text>,
        board_id -> Nullable<Text>,
        actor_id -> Nullable<Text>,
        seq -> BigInt,
        kind -> Text,
        data -> Text,
        created_at -> Timestamp,
    }
}

diesel::joinable!(platform_accounts -> influencers (influencer_id));
diesel::joinable!(board_columns -> boards (board_id));
diesel::joinable!(cards -> influencers (influencer_id));
diesel::joinable!(cards -> board_columns (column_id));
diesel::joinable!(card_labels -> cards (card_id));
diesel::joinable!(card_labels -> labels (label_id));
diesel::joinable!(labels -> boards (board_id));
diesel::joinable!(notes -> influencers (influencer_id));
diesel::joinable!(notes -> users (author_id));
diesel::joinable!(reminders -> influencers (influencer_id));
diesel::joinable!(account_snapshots -> platform_accounts (account_id));
diesel::joinable!(posts -> platform_accounts (account_id));
diesel::joinable!(team_integrations -> teams (team_id));
diesel::joinable!(board_tracking -> boards (board_id));
diesel::joinable!(board_posts -> boards (board_id));
diesel::joinable!(board_posts -> posts (post_id));
diesel::joinable!(activities -> influencers (influencer_id));

diesel::allow_tables_to_appear_in_same_query!(
    influencers,
    platform_accounts,
    boards,
    board_columns,
    cards,
    labels,
    card_labels,
    notes,
    reminders,
    activities,
    users,
    teams,
    memberships,
    invites,
    refresh_tokens,
    outbox_mails,
    jobs,
    presence,
    sources,
    contacts,
    source_numbers,
    source_matches,
    creators,
    creator_categories,
    creator_languages,
    creator_accounts,
    favourites,
    network_revision,
    connection_invites,
    connections,
    notifications,
    conversations,
    messages,
    facebook_logins,
    account_verifications,
    creator_logins,
    idempotency_keys,
    api_keys,
    webhook_endpoints,
    webhook_deliveries,
    account_snapshots,
    posts,
    team_integrations,
    board_tracking,
    board_posts,
);
