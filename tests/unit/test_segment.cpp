#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/segment.hpp"
#include "dossier/text.hpp"

using dossier::PassageKind;
using dossier::SegmentOptions;

namespace {

std::vector<std::string_view> sentences_of(std::string_view text) {
    std::vector<std::string_view> out;
    for (auto [b, e] : dossier::split_sentences(text)) out.push_back(text.substr(b, e - b));
    return out;
}

std::string_view passage_text(std::string_view text, const dossier::Passage& p) {
    return text.substr(p.begin, p.end - p.begin);
}

std::size_t count_words(std::string_view s) {
    std::size_t words = 0;
    bool in_word = false;
    for (char c : s) {
        const bool space = c == ' ' || c == '\n' || c == '\t';
        if (!space && !in_word) ++words;
        in_word = !space;
    }
    return words;
}

// A State-of-the-Union-like address: one line of `sentences` sentences of 6 to 40 words, made of
// our own words with a fixed pseudo-random generator (same text on every run).
std::string long_address(std::size_t sentences) {
    static constexpr std::string_view words[] = {
        "the",      "nation",   "our",      "army",   "treaty",  "Congress", "defense", "peace",
        "frontier", "commerce", "navy",     "allies", "must",    "shall",    "provide", "duty",
        "U.S.",     "Gen.",     "citizens", "7.5",    "revenue", "war",      "secure",  "and"};
    std::uint32_t state = 12345;
    auto next = [&] {
        state = state * 1103515245u + 12345u;
        return (state >> 16) & 0x7FFF;
    };
    std::string out;
    for (std::size_t s = 0; s < sentences; ++s) {
        const std::size_t n = 6 + next() % 35;
        std::string sentence = "We";
        for (std::size_t w = 1; w < n; ++w) {
            sentence += ' ';
            sentence += words[next() % std::size(words)];
        }
        sentence += s % 7 == 3 ? "?" : ".";
        if (!out.empty()) out += ' ';
        out += sentence;
    }
    return out;
}

}  // namespace

TEST_SUITE("segment") {
    TEST_CASE("split_sentences: abbreviations, initials, decimals, quotes") {
        const struct {
            std::string_view text;
            std::size_t sentences;
        } cases[] = {
            {"The U.S. Army left. Seoul stayed.", 2},
            {"Gen. Smith arrived on Jan. 23.", 1},
            {"George W. Bush spoke. Congress listened.", 2},
            {"Donald J. Trump signed the order on Feb. 3 in Washington.", 1},
            {"Seoul raised its budget by 7.5 per cent. Tokyo did too.", 2},
            {"\"We will stay,\" he said. \"The alliance holds.\"", 2},
            {"\"We will stay.\" He left.", 2},
            {"\"It is over,\" the minister said. \"It is not,\" Pyongyang replied.", 2},
            {"Mr. Kim met Dr. Lee, Mrs. Cho, Ms. Han and Sen. Park at St. Paul.", 1},
            {"Lt. Col. Reyes and Sgt. Diaz met Adm. Kato and Rep. Nunez.", 1},
            {"Gov. Ige and Lt. Gen. Flynn spoke; Joseph Biden Jr. listened.", 1},
            {"Tanks, jets, etc. and their crews were sent.", 1},
            {"They sent tanks, jets, etc. The allies agreed.", 2},
            {"Use force only as a last resort, e.g. to defend allies.", 1},
            {"Some allies, i.e. the Baltic states, asked for more.", 1},
            {"Resolution No. 2397 passed. Pyongyang objected.", 2},
            {"Did he agree? No. He refused.", 3},
            {"Is this war? Perhaps! Nobody knows.", 3},
            {"The U.N. Security Council met. It adjourned.", 2},
            {"He flew to Washington, D.C. on Monday.", 1},
            {"The drills (held near Busan.) Ended early.", 2},
            {"Wait\u2026 What happened?", 2},
            {"\u201CWe are ready.\u201D The minister left.", 2},
            {"Version 2.0 shipped in 2024. Version 3.1 did not.", 2},
            {"The economy grew by 7.5. Then it slowed.", 2},
            {"The meeting ended at 5 p.m. Officials left.", 2},
            {"No terminator at all", 1},
            {"", 0},
            {"   \n ", 0},
        };
        for (const auto& c : cases) {
            CAPTURE(c.text);
            CHECK(dossier::split_sentences(c.text).size() == c.sentences);
        }
    }

    TEST_CASE("split_sentences ranges are trimmed and keep closing quotes") {
        const std::string_view text =
            "  \"We will stay,\" he said.  \"The alliance holds.\"\nSeoul agreed (in part.)  ";
        const auto s = sentences_of(text);
        REQUIRE(s.size() == 3);
        CHECK(s[0] == "\"We will stay,\" he said.");
        CHECK(s[1] == "\"The alliance holds.\"");
        CHECK(s[2] == "Seoul agreed (in part.)");
    }

    TEST_CASE("is_heading_line: capitals and Markdown headings, not labels or times") {
        const struct {
            std::string_view line;
            bool heading;
        } cases[] = {
            {"SHIFT BY TRUMP TO FOCUS ON US HOMELAND DEFENCE", true},
            {"  OFFICIALS CITE DRONE INCURSIONS  ", true},
            {"THE 2018 NATIONAL DEFENSE STRATEGY", true},
            {"US", true},
            {"**PEOPLE-TO-PEOPLE TIES**", true},
            {"# Background", true},
            {"## Information Sharing ##", true},
            {"### CONCLUSION", true},
            {"#hashtag", false},
            {"#", false},
            {"####### seven marks", false},
            {"PRESIDENT YOON:  Thank you.", false},
            {"MR. KIRBY:  I \u2014", false},
            {"SECRETARY GENERAL RUTTE:  2025.", false},
            {"Q  Mr. President, a question.", false},
            {"Q  NATO?", false},
            {"12:33 P.M. EDT", false},
            {"END 4:05 PM KST", false},
            {"A", false},
            {"2026", false},
            {"South Korea", false},
            {"CAF\xC3\xA9 TALKS", false},  // a lower-case Latin-1 letter
            {"TWO LINES\nOF CAPITALS", false},
            {"", false},
            {std::string_view("WORDS WORDS WORDS WORDS WORDS WORDS WORDS WORDS WORDS WORDS "
                              "WORDS WORDS WORDS WORDS WORDS WORDS WORDS WORDS WORDS WORDS "
                              "WORDS WORDS WORDS WORDS WORDS WORDS WORDS WORDS WORDS WORDS "
                              "WORDS WORDS WORDS WORDS"),
             false},  // longer than 200 bytes: shouting, not a title
        };
        for (const auto& c : cases) {
            CAPTURE(c.line);
            CHECK(dossier::is_heading_line(c.line) == c.heading);
        }
    }

    TEST_CASE("speaker_label") {
        const struct {
            std::string_view paragraph;
            std::string_view label;
        } cases[] = {
            {"PRESIDENT YOON:  Thank you.", "PRESIDENT YOON"},
            {"     PRESIDENT TRUMP:  Hello, everybody.", "PRESIDENT TRUMP"},
            {"MS. JEAN-PIERRE:  Good afternoon.", "MS. JEAN-PIERRE"},
            {"SECRETARY AUSTIN:\nWe stand together.", "SECRETARY AUSTIN"},
            {"Q  Mr. President, on Korea?", "Q"},
            {"Q:  And Taiwan?", "Q"},
            {"Q\xC2\xA0 And Japan?", "Q"},
            {"Qatar hosted the talks.", ""},
            {"The President: a profile.", ""},
            {"NOTE:the label needs a blank after it", ""},
            {"12:33 P.M. EDT", ""},
            {"SHIFT BY TRUMP TO FOCUS ON US HOMELAND DEFENCE", ""},
            {"", ""},
        };
        for (const auto& c : cases) {
            CAPTURE(c.paragraph);
            CHECK(dossier::speaker_label(c.paragraph) == c.label);
        }
    }

    TEST_CASE("heading_text drops Markdown syntax and folds blanks") {
        CHECK(dossier::heading_text("## Information   Sharing ##") == "Information Sharing");
        CHECK(dossier::heading_text("**PEOPLE-TO-PEOPLE TIES**") == "PEOPLE-TO-PEOPLE TIES");
        CHECK(dossier::heading_text("  SHIFT BY TRUMP\r") == "SHIFT BY TRUMP");
        CHECK(dossier::heading_text("#hashtag") == "#hashtag");
        CHECK(dossier::heading_text("## Learning C#") == "Learning C#");
        CHECK(dossier::heading_text("# Closed # #") == "Closed #");
        const std::string_view text = "## Allies ##\n\nText.";
        const auto ps = dossier::segment(text);
        REQUIRE(ps.size() == 2);
        CHECK(text.substr(ps[0].begin, ps[0].end - ps[0].begin) == "Allies");
    }

    TEST_CASE("paragraphs, headings and the heading above each passage") {
        const std::string_view text =
            "The alliance met in Brussels.\nMinisters spoke.\n\n"
            "\"We are united,\" the chair said.\n"
            "   \n"
            "BUDGET TALKS\n"
            "\n\n"
            "Spending rose by 7.5 per cent.\n"
            "\xC2\xA0\n"  // NBSP-only lines are blank too (briefings use them)
            "* * *\n\n"   // no words: dropped
            "## Next Steps\n"
            "Allies will meet again.\n";
        const auto ps = dossier::segment(text);
        REQUIRE(ps.size() == 6);
        const struct {
            std::string_view text;
            PassageKind kind;
            std::string_view heading;
        } expected[] = {
            {"The alliance met in Brussels.\nMinisters spoke.", PassageKind::paragraph, ""},
            {"\"We are united,\" the chair said.", PassageKind::paragraph, ""},
            {"BUDGET TALKS", PassageKind::heading, ""},
            {"Spending rose by 7.5 per cent.", PassageKind::paragraph, "BUDGET TALKS"},
            {"Next Steps", PassageKind::heading, "BUDGET TALKS"},
            {"Allies will meet again.", PassageKind::paragraph, "Next Steps"},
        };
        for (std::size_t i = 0; i < ps.size(); ++i) {
            CAPTURE(i);
            CHECK(passage_text(text, ps[i]) == expected[i].text);
            CHECK(ps[i].kind == expected[i].kind);
            CHECK(ps[i].heading == expected[i].heading);
            CHECK(ps[i].ordinal == static_cast<int>(i) + 1);
            CHECK(ps[i].paragraph == static_cast<int>(i));
        }
        CHECK(dossier::to_string(PassageKind::heading) == "heading");
        CHECK(dossier::to_string(PassageKind::quote) == "quote");
        CHECK(dossier::to_string(PassageKind::paragraph) == "paragraph");
    }

    TEST_CASE("CRLF line endings and transcripts") {
        const std::string_view text =
            "Rose Garden\r\n\r\n1:15 P.M. EDT\r\n\r\n"
            "PRESIDENT YOON:  Thank you.\r\n\r\n"
            "Q  NATO?\r\n\r\n"
            "MR. KIRBY:  I \u2014\r\n\r\n"
            "CLOSING REMARKS\r\n\r\n"
            "We are done.\r\n";
        const auto ps = dossier::segment(text);
        REQUIRE(ps.size() == 7);
        for (const auto& p : ps) {
            CAPTURE(passage_text(text, p));
            CHECK(passage_text(text, p).find('\r') == std::string_view::npos);
            CHECK(p.kind == (passage_text(text, p) == "CLOSING REMARKS" ? PassageKind::heading
                                                                        : PassageKind::paragraph));
        }
        CHECK(passage_text(text, ps[4]) == "MR. KIRBY:  I \u2014");
        CHECK(ps[6].heading == "CLOSING REMARKS");
    }

    TEST_CASE("a long paragraph is cut into windows of whole sentences") {
        const std::string address = long_address(400);  // one line, no paragraph breaks
        REQUIRE(address.size() > 20000);
        const auto ps = dossier::segment(address);
        REQUIRE(ps.size() > 20);
        const auto sentences = dossier::split_sentences(address);
        std::size_t words = 0;
        for (std::size_t i = 0; i < ps.size(); ++i) {
            const auto& p = ps[i];
            CAPTURE(i);
            CHECK(p.kind == PassageKind::paragraph);
            CHECK(p.paragraph == 0);
            CHECK(p.end - p.begin <= SegmentOptions{}.max_bytes);
            // Windows start and end where sentences do.
            bool starts = false, ends = false;
            for (auto [b, e] : sentences) {
                starts = starts || b == p.begin;
                ends = ends || e == p.end;
            }
            CHECK(starts);
            CHECK(ends);
            const std::size_t n = count_words(passage_text(address, p));
            words += n;
            if (i + 1 < ps.size()) {
                CHECK(n >= 60);
                CHECK(n <= 250);
            }
        }
        // About 100-150 words a passage, as the SOTU addresses need.
        const std::size_t mean = words / ps.size();
        CHECK(mean >= 100);
        CHECK(mean <= 150);
        CHECK(words == count_words(address));  // nothing lost, nothing repeated
        for (std::size_t i = 1; i < ps.size(); ++i) CHECK(ps[i].begin > ps[i - 1].end);
    }

    TEST_CASE("a sentence longer than max_bytes is cut at a word boundary") {
        std::string sentence;
        for (int i = 0; sentence.size() < 5000; ++i) sentence += "allied forces train together ";
        sentence += "daily.";
        const auto ps = dossier::segment(sentence);
        REQUIRE(ps.size() >= 4);
        for (const auto& p : ps) {
            CHECK(p.end - p.begin <= SegmentOptions{}.max_bytes);
            CHECK((p.begin == 0 || sentence[p.begin - 1] == ' '));
            CHECK((p.end == sentence.size() || sentence[p.end] == ' '));
        }
    }

    TEST_CASE("a word longer than max_bytes is cut on a UTF-8 character boundary") {
        std::string word;
        while (word.size() < 4000) word += "\xEC\x84\x9C";  // one 3-byte character, repeated
        const auto ps = dossier::segment(word);
        REQUIRE(ps.size() >= 3);
        std::size_t covered = 0;
        for (const auto& p : ps) {
            CHECK(p.end - p.begin <= SegmentOptions{}.max_bytes);
            CHECK_FALSE(dossier::text::find_invalid_utf8(passage_text(word, p)).has_value());
            covered += p.end - p.begin;
        }
        CHECK(covered == word.size());
    }

    TEST_CASE("options: small windows and a 4 MB paragraph in linear time") {
        const std::string text = long_address(40);
        SegmentOptions small;
        small.max_bytes = 300;
        small.target_bytes = 150;
        for (const auto& p : dossier::segment(text, small)) CHECK(p.end - p.begin <= 300);

        std::string huge;
        while (huge.size() < (4u << 20)) huge += long_address(50) + " ";
        const auto ps = dossier::segment(huge);
        CHECK(ps.size() > 4000);
        CHECK(ps.back().end == dossier::text::trim(huge).size());
    }
}
