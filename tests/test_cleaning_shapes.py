"""Boilerplate shapes of real pages, one rule each: what goes, and what next to it stays."""

import pytest

from pipeline.cleaning import clean

PROSE = "Tadej Pogačar won the stage on Thursday after attacking his rivals on the final climb of the day."
CLOSING = "The race continues on Friday with a flat stage that should end in a bunch sprint in the city centre."


def removed(cleaned, kind=None):
    return [(r.kind, r.rule, r.text) for r in cleaned.removed if kind is None or r.kind == kind]


def assert_verbatim(raw, cleaned):
    """Every removal is a slice of the raw text, so nothing is dropped without a trace."""
    for r in cleaned.removed:
        assert raw[r.start : r.end] == r.text


@pytest.mark.parametrize(
    "line",
    ["Share Tweet Email", "shareShare to friend", "Show more...", "Skip to main content", "logo", "Description",
     "Share on Facebook Share on Twitter", "Read More", "52 Issues", "in this issue", "Advertisement"],
)
def test_a_line_of_interface_words_goes(line):
    raw = f"{PROSE}\n{line}\n{CLOSING}"
    cleaned = clean(raw)
    assert line not in cleaned.text and PROSE in cleaned.text and CLOSING in cleaned.text
    assert_verbatim(raw, cleaned)


@pytest.mark.parametrize("line", ["More to come from the Alps", "Stage 3", "Results", "Follow the leader", "Home straight"])
def test_a_short_line_of_the_article_is_no_interface(line):
    cleaned = clean(f"{PROSE}\n{line}\n{CLOSING}")
    assert line in cleaned.text and cleaned.removed == []


@pytest.mark.parametrize("line", ["Home  /   News  /", "Home / News / Road racing", "Accueil › Cyclisme › Tour de France", "News / Pro cycling /"])
def test_a_menu_trail_goes(line):
    cleaned = clean(f"Pogačar wins again\n{line}\n{PROSE}")
    assert removed(cleaned) == [("navigation", "breadcrumb", line)]


def test_a_route_with_arrows_is_no_menu_trail():
    cleaned = clean(f"Stage 4: Alghero > Olbia > Tortolì\n{PROSE}")
    assert cleaned.removed == [] and cleaned.headline == "Stage 4: Alghero > Olbia > Tortolì"


def test_a_countdown_widget_goes():
    cleaned = clean(f"Time to go:\n\ndays hours minutes seconds\n12 days 03 hours 45 minutes 10 seconds\n{PROSE}")
    assert [k for k, _, _ in removed(cleaned)] == ["widget"] * 3 and cleaned.text == PROSE


@pytest.mark.parametrize("line", ["Photo credit: Santos Tour Down Under / Regallo", "Photo by HERBERT MOOS", "Image: Getty Images", "© A.S.O./Pauline Ballet"])
def test_a_photo_credit_line_goes(line):
    cleaned = clean(f"{PROSE}\n{line}\n{CLOSING}")
    assert removed(cleaned) == [("photo_credit", "photo_credit_cue", line)]


def test_a_photo_credit_inside_a_caption_is_cut_alone():
    raw = f"Pogačar celebrates on the podium in Nice (Image credit: Getty Images) after his fourth overall win\n{PROSE}"
    cleaned = clean(raw)
    assert cleaned.text.startswith("Pogačar celebrates on the podium in Nice after his fourth overall win")
    assert removed(cleaned) == [("photo_credit", "photo_credit_inline_inline", "(Image credit: Getty Images)")]
    assert_verbatim(raw, cleaned)


def test_a_gallery_of_captions_goes_whole():
    raw = (
        "Paris-Nice 2024 overview\n\n"
        "Image 1 of 4 Matteo Jorgenson wins Paris-Nice (Image credit: Getty Images) Brandon McNulty on the attack (Image credit: Getty Images)\n\n"
        "Luke Plapp wins stage 6 (Photo credit: Getty Images) Remco Evenepoel in white (Photo credit: Dario Belingheri)\n\n"
        f"{PROSE}"
    )
    cleaned = clean(raw)
    assert [rule for _, rule, _ in removed(cleaned)] == ["gallery_counter", "gallery_credits"]
    assert "Jorgenson" not in cleaned.text and PROSE in cleaned.text


def test_a_table_widget_leaves_its_table():
    raw = f"{PROSE}\nSwipe to scroll horizontally Stage 5 - Top 3 Pos. Rider Name (Country) Team Result 1 Tadej Pogačar (Slo) UAE Team Emirates 4:12:01\n"
    cleaned = clean(raw)
    assert "Swipe" not in cleaned.text and "\nStage 5 - Top 3 Pos. Rider Name" in cleaned.text
    assert removed(cleaned) == [("table_widget", "table_widget_inline", "Swipe to scroll horizontally")]
    assert_verbatim(raw, cleaned)


def test_a_row_of_header_placeholders_goes_whole():
    cleaned = clean(f"{PROSE}\nHeader Cell - Column 0 | Header Cell - Column 1 | Header Cell - Column 2\n1 | Tadej Pogačar | 4:12:01")
    assert "Header Cell" not in cleaned.text and "1 | Tadej Pogačar | 4:12:01" in cleaned.text
    assert [k for k, _, _ in removed(cleaned)] == ["table_widget"]


def test_a_tweet_embed_goes_with_its_text_and_attribution():
    raw = (
        f"{PROSE}\n"
        "What a finish in Nice! Chapeau to the whole team\n"
        "— UAE Team Emirates (@TeamEmiratesUAE) March 10, 2024\n"
        "Revivez le dernier kilomètre ! / Relive the last kilometre! pic.twitter.com/abcDEF123\n"
        f"{CLOSING}"
    )
    cleaned = clean(raw)
    assert [r for _, r, _ in removed(cleaned)] == ["embed_text", "embed_cue", "embed_cue"]
    assert cleaned.text == f"{PROSE}\n{CLOSING}" and cleaned.published is None


@pytest.mark.parametrize(
    "line",
    ["Sie lesen eine Vorschau des Artikels. Jetzt weiterlesen mit Abo.", "You're reading a preview of this members-only story.",
     "Download the Cyclingnews app for live race coverage", "This article is for subscribers only."],
)
def test_preview_app_and_member_prompts_are_paywall(line):
    assert removed(clean(f"{PROSE}\n{line}\n{CLOSING}"), "paywall") == [("paywall", "paywall_cue", line)]


@pytest.mark.parametrize("line", ["LeMonde6 days ago", "Cycling Weekly 3 hours ago", "Updated 2 hours ago"])
def test_a_relative_timestamp_goes(line):
    cleaned = clean(f"Vos takes yellow\n{line}\n{PROSE}")
    assert removed(cleaned) == [("timestamp", "timestamp_cue", line)] and cleaned.published is None


def test_edition_switchers_are_navigation():
    cleaned = clean(f"• International edition\n  • Australia edition\n  • Europe edition\n\nVan Aert wins the Tour of Britain\n\n{PROSE}")
    assert [k for k, _, _ in removed(cleaned)] == ["navigation"] * 3 and cleaned.headline == "Van Aert wins the Tour of Britain"


def test_masthead_byline_and_publisher_blurb_go_and_name_the_publisher():
    raw = (
        "Cycling Weekly\n\nBy Adam Becket\n\n"
        "Published by TI Media Limited Cycling Weekly is the UK's only weekly magazine about cycling, with news, race reports, "
        "fitness advice and reviews for riders of every kind.\n\n"
        f"{PROSE}"
    )
    cleaned = clean(raw)
    assert [k for k, _, _ in removed(cleaned)] == ["masthead", "byline", "site_blurb"]
    assert cleaned.text == PROSE and cleaned.publisher == "Cycling Weekly"


def test_a_sentence_starting_with_by_is_no_byline():
    cleaned = clean(f"By the end of the day\n{PROSE}\nBy Sunday, the race was over.")
    assert cleaned.removed == []


def test_a_single_link_line_goes():
    line = ">>> Tour de France 2024 start list: The confirmed riders for this year's race"
    cleaned = clean(f"{PROSE}\n{line}\n{CLOSING}")
    assert removed(cleaned) == [("related_links", "link_line_cue", line)]


TEASERS = [
    "The club confirmed on Monday that their new chief executive had started his role after months without anyone in the post, while",
    "Europe are closing in on an emphatic victory over the home side after taking a commanding lead into the final day of th",
    "The former manager has been appointed for the second time following the departure of his successor, who spent two years at the",
]


def test_cut_off_teasers_after_the_article_go():
    raw = "\n".join([PROSE, CLOSING, *TEASERS])
    cleaned = clean(raw)
    assert cleaned.text == f"{PROSE}\n{CLOSING}"
    assert {r for _, r, _ in removed(cleaned)} == {"teaser_tail"}


def test_a_truncated_last_paragraph_is_body():
    """Dumps cut articles to length: one paragraph stopping mid-sentence is the article's own."""
    raw = "\n".join([PROSE, CLOSING, TEASERS[0]])
    assert clean(raw).removed == []


def test_results_rows_at_the_end_are_no_teasers():
    rows = ["1 EVENEPOEL Remco BEL SOUDAL QUICK-STEP 06:12:38", "2 HERMANS Quinten BEL INTERMARCHE WANTY 00:48", "3 VAN AERT Wout BEL VISMA 00:48"]
    cleaned = clean("\n".join([PROSE, *rows]))
    assert cleaned.removed == [] and rows[-1] in cleaned.text


def test_facts_never_come_from_removed_blocks(read):
    record = read(
        "Pogačar wins Tirreno-Adriatico\n"
        "Image 1 of 3 Jonas Vingegaard won stage 4 (Image credit: Getty Images) Wout van Aert won stage 2 (Image credit: Getty Images)\n"
        "Tadej Pogačar won the final stage of Tirreno-Adriatico on Sunday to seal the overall title.\n"
    )
    riders = {r.rider for r in record.results}
    assert "Tadej Pogačar" in riders and not riders & {"Jonas Vingegaard", "Wout van Aert"}


@pytest.mark.parametrize(
    "line",
    ["The best race coverage and the latest news, straight to your inbox twice a week.",
     "Race reports and rumours delivered to your inbox every Monday."],
)
def test_a_newsletter_promise_goes_however_the_mail_arrives(line):
    cleaned = clean(f"{PROSE}\n{line}\n{CLOSING}")
    assert [k for k, _, _ in removed(cleaned)] == ["newsletter"] and PROSE in cleaned.text and CLOSING in cleaned.text
