use super::*;

#[test]
fn gmail_drops_a_wrapped_attribution_and_the_quoted_lines() {
    let text = "Hi! Yes, I'd love to try the winter blend \u{2013} my address is on file.\r\n\r\nAda\r\n\r\n\
                On Sun, 22 Nov 2026 at 18:03, Demo Coffee Co. <\r\n\
                reply+Q2xhbmtleTEyMzQ1Njc4OTA@inbound.rapport.localhost> wrote:\r\n\r\n\
                > Hi Ada, would you like to try our new winter blend?\r\n>\r\n> Mia from Demo Coffee Co.\r\n>\r\n";
    assert_eq!(
        strip_reply(text),
        "Hi! Yes, I'd love to try the winter blend \u{2013} my address is on file.\n\nAda"
    );
}

#[test]
fn apple_mail_drops_the_signature_and_what_follows() {
    let text = "Thank you! I\u{2019}ll post on Friday \u{1f3a8}\n\n-- \nZoe Paints\nzoepaints.example\n\n\
                > On 22 Nov 2026, at 18:07, Demo Coffee Co. <reply+x@inbound.rapport.localhost> wrote:\n> \n> Hi Zoe.\n";
    assert_eq!(
        strip_reply(text),
        "Thank you! I\u{2019}ll post on Friday \u{1f3a8}"
    );
}

#[test]
fn outlook_drops_the_underscores_and_the_header_block() {
    let text = "Sounds great, count me in. Can you ship to M\u{fc}nchen?\n\nBest regards,\nLeo\n\n\
                ________________________________\nFrom: Demo Coffee Co. <reply+x@inbound.rapport.localhost>\n\
                Sent: Sunday, November 22, 2026 6:05 PM\nTo: Leo Trails <leo.trails@outlook.com>\n\
                Subject: Demo Coffee Co. sent you a message\n\nHi Leo, we'd like to send you our kit.\n";
    assert_eq!(
        strip_reply(text),
        "Sounds great, count me in. Can you ship to M\u{fc}nchen?\n\nBest regards,\nLeo"
    );
    let original = "Yes please.\n\n-----Original Message-----\nFrom: Demo\nSent: today\n\nHello";
    assert_eq!(strip_reply(original), "Yes please.");
    let header_only = "Sure.\n\nFrom: Demo Coffee Co.\nSent: Sunday\nTo: Leo\n\nHello";
    assert_eq!(strip_reply(header_only), "Sure.");
}

#[test]
fn other_languages_and_plain_replies() {
    assert_eq!(
        strip_reply(
            "Avec plaisir !\n\nLe dim. 22 nov. 2026 \u{e0} 18:03, Demo a \u{e9}crit :\n> Bonjour"
        ),
        "Avec plaisir !"
    );
    assert_eq!(
        strip_reply("Gern!\n\nAm 22.11.2026 um 18:03 schrieb Demo:\n> Hallo"),
        "Gern!"
    );
    assert_eq!(strip_reply("  Just this.  \n\n"), "Just this.");
    // A sentence starting with "On" is not an attribution unless it ends like one.
    assert_eq!(
        strip_reply("On Friday I can post.\nThanks"),
        "On Friday I can post.\nThanks"
    );
    assert_eq!(strip_reply("> only a quote"), "");
}
