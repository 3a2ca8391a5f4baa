#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/actors.hpp"
#include "dossier/ingest.hpp"
#include "dossier/quotes.hpp"
#include "dossier/segment.hpp"

namespace {

using dossier::Gazetteer;
using dossier::QuoteAttribution;
using dossier::QuoteContext;
using dossier::QuoteInput;

// A small gazetteer of our own for the rule tests.
constexpr std::string_view test_tsv =
    "id\ttype\tname\tparent\taliases\n"
    "USA\tcountry\tUnited States\t\tUS|U.S.|America|American|Washington\n"
    "USA.DOD\tministry\tUS Department of Defense\tUSA\tPentagon|Department of Defense\n"
    "USA.STATE\tministry\tUS Department of State\tUSA\tState Department\n"
    "KOR\tcountry\tSouth Korea\t\tSeoul|South Korean|ROK\n"
    "KOR.MND\tministry\tSouth Korean Ministry of National Defense\tKOR\t\n"
    "KOR.JCS\tmilitary\tSouth Korean Joint Chiefs of Staff\tKOR\tJoint Chiefs of Staff|JCS\n"
    "PRK\tcountry\tNorth Korea\t\tDPRK|Pyongyang|North Korean\n"
    "CHN\tcountry\tChina\t\tBeijing|Chinese\n"
    "CHN.MFA\tministry\tChinese Ministry of Foreign Affairs\tCHN\t\n"
    "JPN\tcountry\tJapan\t\tTokyo|Japanese\n"
    "NATO\torganisation\tNorth Atlantic Treaty Organization\t\tNATO\n"
    "P.COLBY\tperson\tElbridge Colby\tUSA.DOD\tColby\n"
    "P.BIDEN\tperson\tJoe Biden\tUSA\tPresident Biden\n";

const Gazetteer& test_gazetteer() {
    static const Gazetteer g = Gazetteer::parse(test_tsv, "test");
    return g;
}

// Paragraphs of one article; a paragraph starting with "## " is a heading (the marker dropped).
struct Article {
    std::vector<std::string> texts;
    std::vector<QuoteInput> inputs;
};

Article make_article(const Gazetteer& g, const std::vector<std::string>& paragraphs) {
    Article a;
    a.texts.reserve(paragraphs.size());
    for (const std::string& p : paragraphs)
        a.texts.push_back(p.starts_with("## ") ? p.substr(3) : p);
    for (std::size_t i = 0; i < paragraphs.size(); ++i) {
        QuoteInput in;
        in.text = a.texts[i];
        in.paragraph = static_cast<int>(i);
        in.heading = paragraphs[i].starts_with("## ");
        in.mentions = g.match(in.text);
        a.inputs.push_back(std::move(in));
    }
    return a;
}

std::vector<QuoteAttribution> attribute(const std::vector<std::string>& paragraphs,
                                        const QuoteContext& context = {}) {
    const Article a = make_article(test_gazetteer(), paragraphs);
    return dossier::attribute_quotes(a.inputs, test_gazetteer(), context);
}

QuoteAttribution attribute_one(const std::string& paragraph) {
    return attribute({paragraph}).at(0);
}

std::string read_all(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string trim(std::string_view s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos) return {};
    const auto e = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(b, e - b + 1));
}

// --- The annotated fixture (tests/data/quotes/quotes.txt) ---------------------------------------

struct FixtureParagraph {
    std::string text;
    bool heading = false;
    bool quote = false;
    std::string speaker;  // expected; "-" = unknown, "" = not checked
    int line = 0;
};

struct FixtureArticle {
    std::map<std::string, std::string> header;
    std::vector<FixtureParagraph> paragraphs;
};

std::vector<FixtureArticle> read_fixture(const std::filesystem::path& file) {
    std::vector<FixtureArticle> articles;
    std::istringstream in(read_all(file));
    std::string line;
    int number = 0;
    enum { none, header, annotated, body } mode = none;
    FixtureParagraph pending;
    auto flush = [&] {
        if (mode == body) articles.back().paragraphs.push_back(pending);
        pending = {};
    };
    while (std::getline(in, line)) {
        ++number;
        if (line.starts_with("#")) continue;
        if (line == "=== article") {
            flush();
            articles.emplace_back();
            mode = header;
            continue;
        }
        if (trim(line).empty()) {
            flush();
            mode = mode == header ? none : (mode == annotated ? annotated : none);
            continue;
        }
        if (mode == header) {
            const auto colon = line.find(':');
            REQUIRE_MESSAGE(colon != std::string::npos, "fixture line ", number);
            articles.back().header[line.substr(0, colon)] = trim(line.substr(colon + 1));
            continue;
        }
        if (line.starts_with("@")) {
            REQUIRE_MESSAGE(!articles.empty(), "fixture line ", number);
            pending = {};
            pending.line = number;
            const std::string tag = line.substr(0, line.find(' '));
            const std::string arg = line.find(' ') == std::string::npos
                                        ? std::string()
                                        : trim(line.substr(line.find(' ') + 1));
            if (tag == "@quote") {
                pending.quote = true;
                pending.speaker = arg;
            } else if (tag == "@none") {
                pending.speaker = arg;
            } else if (tag == "@heading") {
                pending.heading = true;
            } else {
                FAIL("fixture line ", number, ": unknown tag ", tag);
            }
            mode = annotated;
            continue;
        }
        REQUIRE_MESSAGE((mode == annotated || mode == body), "fixture line ", number,
                        ": paragraph without annotation");
        if (mode == body) pending.text += '\n';
        pending.text += line;
        mode = body;
    }
    flush();
    return articles;
}

// --- Real text read from ../shared
// ----------------------------------------------------------------

// Paragraphs of an article body: runs of non-blank lines (a line of blanks or NBSPs is blank).
std::vector<std::string> body_paragraphs(std::string_view text) {
    std::vector<std::string> out;
    std::string cur;
    std::size_t at = 0;
    while (at <= text.size()) {
        const std::size_t nl = std::min(text.find('\n', at), text.size());
        const std::string_view line = text.substr(at, nl - at);
        bool blank = true;
        for (std::size_t i = 0; i < line.size() && blank;) {
            if (line[i] == ' ' || line[i] == '\t' || line[i] == '\r') {
                ++i;
            } else if (line.substr(i, 2) == "\xC2\xA0") {
                i += 2;
            } else {
                blank = false;
            }
        }
        if (blank) {
            if (!cur.empty()) out.push_back(std::move(cur));
            cur.clear();
        } else {
            if (!cur.empty()) cur += '\n';
            cur += line;
        }
        at = nl + 1;
    }
    if (!cur.empty()) out.push_back(std::move(cur));
    return out;
}

std::vector<std::string> name_tokens(std::string_view s) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : s) {
        if (c == ' ' || c == ',' || c == '.' || c == '|') {
            if (!cur.empty()) out.push_back(std::move(cur));
            cur.clear();
        } else {
            cur += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
    }
    if (!cur.empty()) out.push_back(std::move(cur));
    return out;
}

// The predicted speaker names the expected one: the same id or name, the id the gazetteer gives
// the expected name, or a part of the name ("jean-pierre" for "Karine Jean-Pierre").
bool same_speaker(const std::string& predicted, const std::string& expected, const Gazetteer& g) {
    if (predicted.empty()) return false;
    std::size_t at = 0;
    while (at <= expected.size()) {
        const std::size_t bar = std::min(expected.find('|', at), expected.size());
        const std::string alt = expected.substr(at, bar - at);
        at = bar + 1;
        if (name_tokens(predicted) == name_tokens(alt)) return true;
        if (const dossier::Actor* a = g.resolve(alt); a != nullptr && a->id == predicted)
            return true;
        std::vector<std::string> want = name_tokens(alt);
        if (const dossier::Actor* a = g.find(predicted)) {
            // An id the gazetteer knows, the expected name among its names.
            std::vector<std::string> names = {a->name};
            names.insert(names.end(), a->aliases.begin(), a->aliases.end());
            for (const std::string& n : names)
                if (name_tokens(n) == want) return true;
            continue;
        }
        bool contained = true;
        for (const std::string& t : name_tokens(predicted))
            contained = contained && std::find(want.begin(), want.end(), t) != want.end();
        if (contained) return true;
    }
    return false;
}

std::filesystem::path shared_dir() {
    return std::filesystem::path(DOSSIER_SHARED_DIR);
}
std::filesystem::path source_dir() {
    return std::filesystem::path(DOSSIER_SOURCE_DIR);
}

}  // namespace

TEST_SUITE("quotes") {
    TEST_CASE("scare quotes, terms and titles are not quotations") {
        const std::string_view cases[] = {
            "The Pentagon foresees a \"more limited\" role in deterring North Korea.",
            "Its defence ministry said the US military is the \"core\" of the alliance that has "
            "deterred aggression.",
            "China's defence ministry has repeatedly said that resolving \"the Taiwan question\" "
            "was a Chinese matter.",
            "Critics in Seoul call the plan \"burden shifting\", a phrase officials reject.",
            "Protesters held signs reading \"no to troop cuts\" and \"alliance, not abandonment\".",
            "The \"whole-of-society resilience\" committee meets every quarter.",
            "He said in a speech titled \"The Future of the Alliance in a Changing World\" that "
            "ties were strong.",
            "North Korea called the command \"a reckless military provocation\" on Monday.",
            "\"Freedom Shield\" began on Monday with 20,000 troops.",
            "The word \u201cironclad\u201d no longer reassures anyone.",
        };
        for (std::string_view text : cases) {
            CAPTURE(text);
            const QuoteAttribution a = attribute_one(std::string(text));
            CHECK_FALSE(a.is_quote);
            CHECK(a.speaker.empty());
        }
    }

    TEST_CASE("attribution forms name the speaker") {
        const struct {
            std::string_view text;
            std::string_view speaker;
        } cases[] = {
            {"\"We will respond to any provocation,\" the Pentagon said.", "USA.DOD"},
            {"\"We will respond to any provocation,\" said Elbridge Colby.", "P.COLBY"},
            {"Elbridge Colby said: \"We will respond to any provocation.\"", "P.COLBY"},
            {"\"We are ready\" Colby told reporters in Tokyo.", "P.COLBY"},
            {"\"Deterrence has held for seventy years,\" according to the State Department.",
             "USA.STATE"},
            {"According to the State Department, \"deterrence has held for seventy years.\"",
             "USA.STATE"},
            {"NATO, in a statement, said: \"Allies stand united against aggression.\"", "NATO"},
            {"\"Allies stand united,\" NATO added.", "NATO"},
            {"\"Allies stand united,\" NATO warned on Tuesday.", "NATO"},
            {"\"Allies stand united,\" NATO wrote on social media.", "NATO"},
            {"\"Allies stand united,\" NATO says.", "NATO"},
            {"NATO declared: \"Allies stand united.\"", "NATO"},
            {"\"Allies stand united,\" NATO stated, \"and will remain so.\"", "NATO"},
            {"\u201cWe will defend our allies,\u201d the Pentagon noted.", "USA.DOD"},
            {"\u201cHe told me \u2018never again,\u2019 and I believed him,\u201d Colby said.",
             "P.COLBY"},
            {"\"We will respond,\" South Korea's defence ministry said.", "KOR.MND"},
            {"\"We will respond,\" a Pentagon spokesman said.", "USA.DOD"},
            {"\"We will respond,\" said a spokesman for South Korea's defence ministry.",
             "KOR.MND"},
            {"\"We will respond,\" China's foreign ministry said.", "CHN.MFA"},
            {"\"We will respond,\" Japan's defence ministry said.", "JPN"},  // no JPN ministry
            {"\"We will respond,\" the Japanese government said.", "JPN"},
            {"\"We will respond,\" the JCS said in a text message.", "KOR.JCS"},
            {"\"We will respond,\" a US official said on condition of anonymity.", "us official"},
            {"\"We will respond,\" two officials familiar with the talks said.", "officials"},
            {"\"We will respond,\" Defence Minister Ahn Gyu-back told lawmakers.", "ahn gyu-back"},
            {"\"We will respond,\" said Lee Hyun-woo, an opposition lawmaker.", "lee hyun-woo"},
            {"\"We will respond,\" Kim Min-seo, who leads a start-up, wrote.", "kim min-seo"},
            {"The Pentagon's top policy official, Elbridge Colby, said: \"We will respond.\"",
             "P.COLBY"},
            {"\"We will respond,\" Kim Jong Un was quoted as saying.", "kim jong un"},
            {"As one retired general put it: \"You cannot deter with slides.\"", "retired general"},
            {"Asked about the drills, Colby replied: \"They are routine.\"", "P.COLBY"},
            {"The Pentagon said the drills were \"a routine part of our combined readiness\".",
             "USA.DOD"},
        };
        for (const auto& c : cases) {
            CAPTURE(c.text);
            const QuoteAttribution a = attribute_one(std::string(c.text));
            CHECK(a.is_quote);
            CHECK(a.speaker == c.speaker);
        }
    }

    TEST_CASE("it, the ministry and the document resolve to what was named before") {
        const auto r = attribute({
            "The Pentagon on Friday released a policy document that sets out its priorities.",
            "South Korea has resisted the idea for years.",
            "Its defence ministry said the US military is the \"core\" of the alliance.",
            "\"We will be cooperating closely with the US,\" it said.",
            "\"Consultations will continue,\" the ministry added.",
            "\"This does not require regime change,\" the document said.",
        });
        CHECK_FALSE(r[2].is_quote);
        CHECK(r[3].is_quote);
        CHECK(r[3].speaker == "KOR.MND");
        CHECK(r[4].speaker == "KOR.MND");
        CHECK(r[5].is_quote);
        CHECK(r[5].speaker == "USA.DOD");
    }

    TEST_CASE("the document said: the author named with the document (seed form)") {
        const auto r = attribute({
            "\"South Korea is capable of taking primary responsibility,\" the Pentagon said in "
            "the 25-page National Defense Strategy document that guides its policies.",
            "North Korea routinely criticises the drills.",
            "\"This does not require regime change,\" the document said.",
        });
        CHECK(r[0].speaker == "USA.DOD");
        CHECK(r[2].speaker == "USA.DOD");
    }

    TEST_CASE("pronouns and surnames find the person named before") {
        const auto r = attribute({
            "\"We are not at war,\" Defence Minister Ahn Gyu-back told parliament.",
            "\"But we are not at peace either,\" he warned.",
            "Ahn said the budget would rise by \"at least seven per cent every year\".",
        });
        CHECK(r[1].speaker == "ahn gyu-back");
        CHECK(r[2].is_quote);
        CHECK(r[2].speaker == "ahn gyu-back");
    }

    TEST_CASE("a bare quotation paragraph continues the previous speaker (seed form)") {
        const auto r = attribute({
            "\"South Korea is capable of taking primary responsibility,\" the Pentagon said.",
            "\"This shift in the balance of responsibility is consistent with our interest.\"",
            "## SHIFT BY TRUMP",
            "\"A quotation after a heading has no speaker to continue.\"",
        });
        CHECK(r[1].is_quote);
        CHECK(r[1].speaker == "USA.DOD");
        CHECK_FALSE(r[2].is_quote);
        CHECK(r[3].is_quote);
        CHECK(r[3].speaker.empty());
    }

    TEST_CASE("a quotation left open continues into the next paragraph (newswire)") {
        const auto r = attribute({
            "Officials met on Monday.",
            "\"Industry cannot build factories on one-year orders.",
            "\"We intend to change that by buying more over longer periods,\" the Pentagon said.",
            "\"The first contracts will be signed this year.\"",
        });
        CHECK_FALSE(r[0].is_quote);
        CHECK(r[1].is_quote);
        CHECK(r[1].speaker == "USA.DOD");  // named later in the chain
        CHECK(r[2].speaker == "USA.DOD");
        CHECK(r[3].speaker == "USA.DOD");
    }

    TEST_CASE("quotations spanning sentences, interrupted and straight or curly") {
        const auto r = attribute({
            "\"We are ready. We have always been ready. Nothing has changed,\" Colby said.",
            "\u201cWe are ready,\u201d Colby said. \u201cNothing has changed since last "
            "year.\u201d",
            "\"We are ready,\" Colby said, \"and we will stay ready.\"",
        });
        for (const auto& a : r) {
            CHECK(a.is_quote);
            CHECK(a.speaker == "P.COLBY");
        }
    }

    TEST_CASE("transcript labels make paragraphs spoken by the labelled speaker") {
        QuoteContext ctx;
        ctx.genre = "press-briefings";
        ctx.title = "Press Briefing by Press Secretary Karine Jean-Pierre";
        ctx.date = "2023-05-10";
        const auto r = attribute(
            {
                "James S. Brady Press Briefing Room",
                "MS. JEAN-PIERRE:  Good afternoon, everyone.",
                "I have one thing at the top.",
                "Q    Thank you. Will the President travel to Seoul?",
                "MS. JEAN-PIERRE:  Nothing to announce.",
                "SENIOR ADMINISTRATION OFFICIAL:  Thanks, everyone.",
                "THE PRESIDENT:  Good afternoon.",
                "(Laughter.)",
                "SECRETARY AUSTIN:  Thank you, Mr. President.",
                "END 1:42 P.M. EDT",
            },
            ctx);
        CHECK_FALSE(r[0].is_quote);
        CHECK(r[1].speaker == "jean-pierre");
        CHECK(r[2].is_quote);
        CHECK(r[2].speaker == "jean-pierre");
        CHECK(r[3].speaker == "reporter");
        CHECK(r[4].speaker == "jean-pierre");
        CHECK(r[5].speaker == "senior administration official");
        CHECK(r[6].speaker == "P.BIDEN");  // in office on 2023-05-10
        CHECK_FALSE(r[7].is_quote);
        CHECK(r[8].speaker == "austin");
        CHECK_FALSE(r[9].is_quote);
    }

    TEST_CASE("THE PRESIDENT: the title first, then the date, else \"president\"") {
        QuoteContext ctx;
        ctx.title = "Remarks by Vice President Harris and President Yoon Suk Yeol";
        // Title Case: the name is one word unless the gazetteer knows a longer one.
        CHECK(attribute({"THE PRESIDENT:  Thank you."}, ctx)[0].speaker == "yoon");
        CHECK(attribute({"THE VICE PRESIDENT:  Thank you."}, ctx)[0].speaker == "harris");
        ctx.title = "Remarks by President Biden before a bilateral meeting";
        CHECK(attribute({"THE PRESIDENT:  Thank you."}, ctx)[0].speaker == "P.BIDEN");
        ctx.title = "Press gaggle";
        ctx.date = "2018-06-12";
        CHECK(attribute({"THE PRESIDENT:  Thank you."}, ctx)[0].speaker == "trump");
        ctx.date = "";
        CHECK(attribute({"THE PRESIDENT:  Thank you."}, ctx)[0].speaker == "president");
    }

    TEST_CASE("Q is a label only in a transcript; datelines and memo fields are not labels") {
        CHECK_FALSE(attribute_one("Q fever cases rose in the south last year.").is_quote);
        CHECK_FALSE(attribute_one("SEOUL: South Korea held drills on Monday.").is_quote);
        CHECK_FALSE(attribute_one("SUBJECT:  Delegation of authority under section 5.").is_quote);
    }

    TEST_CASE("statements and round-ups: a name and a colon introduce a quotation") {
        const auto r = attribute({
            "**Senator Jane Roe, Ohio:** \u201cThis agreement makes our alliance stronger.\u201d",
            "[NATO Secretary General Mark Doe](https://example.org/a?b=\"c\"): \u201cAllies "
            "have agreed to spend more on defence.\u201d",
            "\u201cWe will keep working with our partners on the next steps.\u201d",
            "<figure><img src=\"x.jpg\" alt=\"a \"quoted\" attribute\"/></figure>",
            "The message was clear: \u201cWe will not back down.\u201d",
            "I will never forget what he said to us: \u201cNo democracy can treat people like "
            "second-class citizens.\u201d",
        });
        CHECK(r[0].is_quote);
        CHECK(r[0].speaker == "jane roe");
        CHECK(r[1].is_quote);
        CHECK(r[1].speaker == "mark doe");
        CHECK(r[2].is_quote);
        CHECK(r[2].speaker == "mark doe");  // a bare quotation continues the last speaker
        CHECK_FALSE(r[3].is_quote);         // attribute quotes in HTML are not text
        CHECK(r[4].is_quote);
        CHECK(r[4].speaker == "mark doe");  // no name before the colon: continuation
        CHECK(r[5].is_quote);
        CHECK(r[5].speaker == "mark doe");  // "he": the last person named
    }

    TEST_CASE("transcripts: NBSP after Q, time stamps, stray closing marks") {
        const auto r = attribute({
            "MR. KIRBY:\u00a0 Thanks.",
            "Q\u00a0\u00a0\u00a0 Is the carrier staying in the region?",
            "MR. KIRBY:\u00a0 For now, yes.",
            "5:12 P.M. EDT",
            "Section 6 of the order applies to every person listed in the annex.\u201d",
        });
        CHECK(r[0].speaker == "kirby");
        CHECK(r[1].speaker == "reporter");
        CHECK(r[2].speaker == "kirby");
        CHECK_FALSE(r[3].is_quote);  // the time stamp closes the transcript
        CHECK_FALSE(r[4].is_quote);  // a closing mark with nothing left open before it
    }

    TEST_CASE("a speech is its author's: paragraphs keep kind paragraph with the speaker set") {
        QuoteContext ctx;
        ctx.genre = "speech";
        ctx.author = "Joe Biden";
        const auto r = attribute(
            {
                "Tonight our alliances are stronger than at any time in a generation.",
                "A sergeant from Ohio told me, \"Sir, we are ready to fight tonight.\"",
            },
            ctx);
        CHECK_FALSE(r[0].is_quote);
        CHECK(r[0].speaker == "P.BIDEN");
        CHECK(r[1].is_quote);
        CHECK(r[1].speaker == "sergeant");
    }

    TEST_CASE("a split paragraph: only passages holding the quotation are quotes") {
        const std::string p0 = "South Korea held drills on Monday. Thousands of troops took part.";
        const std::string p1 = "\"We will respond to any provocation,\" the Pentagon said.";
        std::vector<QuoteInput> in(2);
        in[0].text = p0;
        in[1].text = p1;
        in[0].paragraph = in[1].paragraph = 3;
        for (auto& i : in) i.mentions = test_gazetteer().match(i.text);
        const auto r = dossier::attribute_quotes(in, test_gazetteer(), {});
        CHECK_FALSE(r[0].is_quote);
        CHECK(r[1].is_quote);
        CHECK(r[1].speaker == "USA.DOD");

        // A quotation opened in one window and attributed in the next.
        const std::string q0 = "\"We will respond to any provocation.";
        const std::string q1 = "Our forces are ready,\" the Pentagon said.";
        in[0].text = q0;
        in[1].text = q1;
        for (auto& i : in) i.mentions = test_gazetteer().match(i.text);
        const auto s = dossier::attribute_quotes(in, test_gazetteer(), {});
        CHECK(s[0].is_quote);
        CHECK(s[0].speaker == "USA.DOD");
        CHECK(s[1].speaker == "USA.DOD");
    }

    TEST_CASE("empty input and an empty gazetteer do not break") {
        CHECK(dossier::attribute_quotes({}, test_gazetteer(), {}).empty());
        const Gazetteer empty;
        const std::string text = "\"We will respond to any provocation,\" the Pentagon said.";
        std::vector<QuoteInput> in(1);
        in[0].text = text;
        const auto r = dossier::attribute_quotes(in, empty, {});
        CHECK(r[0].is_quote);
        CHECK(r[0].speaker == "pentagon");
    }

    TEST_CASE("fixture: quote detection F1 >= 0.95, speaker accuracy >= 0.90") {
        const std::filesystem::path dir =
            std::filesystem::path(DOSSIER_SOURCE_DIR) / "tests/data/quotes";
        const Gazetteer g = Gazetteer::parse(read_all(dir / "actors.tsv"), "actors.tsv");
        const auto articles = read_fixture(dir / "quotes.txt");
        REQUIRE(articles.size() >= 20);
        std::size_t tp = 0, fp = 0, fn = 0, right = 0, quotes = 0, others = 0;
        for (const FixtureArticle& art : articles) {
            std::vector<std::string> paragraphs;
            for (const FixtureParagraph& p : art.paragraphs)
                paragraphs.push_back((p.heading ? "## " : "") + p.text);
            const Article a = make_article(g, paragraphs);
            auto header = [&](const char* key) -> std::string_view {
                auto it = art.header.find(key);
                return it == art.header.end() ? std::string_view() : std::string_view(it->second);
            };
            QuoteContext ctx;
            ctx.author = header("author");
            ctx.genre = header("genre");
            ctx.title = header("title");
            ctx.date = header("date");
            const auto r = dossier::attribute_quotes(a.inputs, g, ctx);
            REQUIRE(r.size() == art.paragraphs.size());
            for (std::size_t i = 0; i < r.size(); ++i) {
                const FixtureParagraph& want = art.paragraphs[i];
                if (want.heading) continue;
                (want.quote ? quotes : others) += 1;
                if (want.quote && r[i].is_quote) {
                    ++tp;
                    const std::string expected = want.speaker == "-" ? "" : want.speaker;
                    if (r[i].speaker == expected)
                        ++right;
                    else
                        MESSAGE("line ", want.line, ": speaker \"", r[i].speaker, "\", expected \"",
                                expected, "\"");
                } else if (want.quote) {
                    ++fn;
                    MESSAGE("line ", want.line, ": quotation missed");
                } else if (r[i].is_quote) {
                    ++fp;
                    MESSAGE("line ", want.line, ": not a quotation, found one by \"", r[i].speaker,
                            "\"");
                } else if (!want.speaker.empty() && r[i].speaker != want.speaker) {
                    MESSAGE("line ", want.line, ": speech speaker \"", r[i].speaker,
                            "\", expected \"", want.speaker, "\"");
                    ++fp;  // a wrong author counts against the module too
                }
            }
        }
        REQUIRE(quotes >= 80);
        REQUIRE(others >= 20);
        const double precision = tp + fp == 0 ? 0.0 : double(tp) / double(tp + fp);
        const double recall = tp + fn == 0 ? 0.0 : double(tp) / double(tp + fn);
        const double f1 =
            precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
        const double accuracy = tp == 0 ? 0.0 : double(right) / double(tp);
        MESSAGE("fixture: ", quotes, " quotations, ", others, " other paragraphs; precision ",
                precision, ", recall ", recall, ", F1 ", f1, "; speaker accuracy ", accuracy, " (",
                right, "/", tp, ")");
        CHECK(f1 >= 0.95);
        CHECK(accuracy >= 0.90);
    }

    TEST_CASE("seed: the NDS article's quotations and speakers") {
        const auto seed = shared_dir() / "seed/2026-01-24-nds-korea.txt";
        const auto actors = source_dir() / "corpus/actors.tsv";
        if (!std::filesystem::exists(seed)) {
            MESSAGE("SKIPPED: ", seed.string(), " not found");
            return;
        }
        if (!std::filesystem::exists(actors)) {
            MESSAGE("SKIPPED: ", actors.string(), " not found");
            return;
        }
        const Gazetteer g = Gazetteer::load(actors);
        const dossier::FileContents contents = dossier::read_file(seed, "2026-01-24-nds-korea.txt");
        REQUIRE(contents.articles.size() == 1);
        const dossier::Article& art = contents.articles[0];
        const auto passages = dossier::segment(art.text);
        std::vector<QuoteInput> inputs;
        for (const dossier::Passage& p : passages) {
            QuoteInput in;
            in.text = std::string_view(art.text).substr(p.begin, p.end - p.begin);
            in.paragraph = p.paragraph;
            in.heading = p.kind == dossier::PassageKind::heading;
            in.mentions = g.match(in.text);
            inputs.push_back(std::move(in));
        }
        const std::string date = art.date ? art.date->to_string() : std::string();
        QuoteContext ctx;
        ctx.author = art.author;
        ctx.genre = art.genre;
        ctx.title = art.title;
        ctx.date = date;
        const auto r = dossier::attribute_quotes(inputs, g, ctx);

        // The seed's paragraphs by position (0-based; the heading is paragraph 4). Each is named
        // here by what it says, not by its words, which stay outside the repository.
        std::map<int, std::vector<std::size_t>> by_paragraph;
        for (std::size_t i = 0; i < inputs.size(); ++i)
            by_paragraph[inputs[i].paragraph].push_back(i);
        REQUIRE(by_paragraph.size() == 15);
        REQUIRE(inputs[by_paragraph[4].front()].heading);
        auto check = [&](int paragraph, bool quote, std::string_view speaker) {
            CAPTURE(paragraph);
            for (std::size_t i : by_paragraph[paragraph]) {
                CAPTURE(inputs[i].text);
                CHECK(r[i].is_quote == quote);
                CHECK(r[i].speaker == speaker);
            }
        };
        check(0, false, "");         // lead: the "more limited" role (scare quotes)
        check(2, true, "USA.DOD");   // the NDS quotation, "the Pentagon said"
        check(3, true, "USA.DOD");   // bare quotation paragraph continuing it
        check(7, false, "");         // its defence ministry: the "core" of the alliance
        check(8, true, "KOR.MND");   // "…," it said (it = its defence ministry)
        check(12, true, "USA.DOD");  // "…," the document said
        check(14, false, "");        // "the Taiwan question"

        std::map<std::string, int> speakers;
        for (const QuoteAttribution& a : r)
            if (a.is_quote) ++speakers[a.speaker];
        const std::map<std::string, int> expected = {{"USA.DOD", 3}, {"KOR.MND", 1}};
        CHECK(speakers == expected);
    }

    TEST_CASE("White House briefings: hand-annotated quotations") {
        const auto root = shared_dir() / "data/defense/wh-briefings";
        if (!std::filesystem::exists(root)) {
            MESSAGE("SKIPPED: ", root.string(), " not found");
            return;
        }
        const auto actors = source_dir() / "corpus/actors.tsv";
        const Gazetteer g =
            std::filesystem::exists(actors)
                ? Gazetteer::load(actors)
                : Gazetteer::parse(read_all(source_dir() / "tests/data/quotes/actors.tsv"), "test");

        struct Row {
            std::size_t paragraph = 0;
            std::string speaker;
            std::string set;
        };
        std::map<std::string, std::vector<Row>> files;
        {
            std::istringstream in(read_all(source_dir() / "tests/data/quotes/wh_annotations.tsv"));
            std::string line;
            bool header = true;
            while (std::getline(in, line)) {
                if (line.empty() || line.starts_with("#")) continue;
                if (header) {
                    header = false;
                    continue;
                }
                std::vector<std::string> f;
                std::size_t at = 0;
                while (at <= line.size()) {
                    const std::size_t tab = std::min(line.find('\t', at), line.size());
                    f.push_back(line.substr(at, tab - at));
                    at = tab + 1;
                }
                REQUIRE_MESSAGE(f.size() == 4, line);
                files[f[0]].push_back({std::stoul(f[1]), f[2], f[3]});
            }
        }
        struct Score {
            std::size_t quotes = 0, others = 0, tp = 0, fp = 0, fn = 0, right = 0;
            double f1() const {
                const double p = tp + fp == 0 ? 0.0 : double(tp) / double(tp + fp);
                const double r = tp + fn == 0 ? 0.0 : double(tp) / double(tp + fn);
                return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
            }
            double accuracy() const { return tp == 0 ? 0.0 : double(right) / double(tp); }
        };
        std::map<std::string, Score> scores;  // per annotation set, and "all"
        for (const auto& [path, rows] : files) {
            CAPTURE(path);
            const auto file = root / path;
            REQUIRE(std::filesystem::exists(file));
            const auto contents = dossier::read_file(file, path);
            REQUIRE(contents.articles.size() == 1);
            const dossier::Article& art = contents.articles[0];
            const std::vector<std::string> paragraphs = body_paragraphs(art.text);
            std::vector<QuoteInput> inputs;
            for (std::size_t i = 0; i < paragraphs.size(); ++i) {
                QuoteInput in;
                in.text = paragraphs[i];
                in.paragraph = static_cast<int>(i);
                in.heading = paragraphs[i].find('\n') == std::string::npos &&
                             dossier::is_heading_line(paragraphs[i]);
                in.mentions = g.match(in.text);
                inputs.push_back(std::move(in));
            }
            const std::string date = art.date ? art.date->to_string() : std::string();
            QuoteContext ctx;
            ctx.author = art.author;
            ctx.genre = art.genre;
            ctx.title = art.title;
            ctx.date = date;
            const auto r = dossier::attribute_quotes(inputs, g, ctx);
            for (const Row& row : rows) {
                REQUIRE(row.paragraph < r.size());
                const QuoteAttribution& got = r[row.paragraph];
                const bool want = row.speaker != "-";
                for (Score* sc : {&scores[row.set], &scores["all"]}) {
                    (want ? sc->quotes : sc->others) += 1;
                    if (want && got.is_quote) {
                        ++sc->tp;
                        sc->right += same_speaker(got.speaker, row.speaker, g) ? 1 : 0;
                    }
                    sc->fn += want && !got.is_quote ? 1 : 0;
                    sc->fp += !want && got.is_quote ? 1 : 0;
                }
                if (want && got.is_quote && !same_speaker(got.speaker, row.speaker, g))
                    MESSAGE(path, " ¶", row.paragraph, ": speaker \"", got.speaker,
                            "\", expected \"", row.speaker, "\"");
                else if (want && !got.is_quote)
                    MESSAGE(path, " ¶", row.paragraph, ": quotation missed");
                else if (!want && got.is_quote)
                    MESSAGE(path, " ¶", row.paragraph, ": not a quotation, found one by \"",
                            got.speaker, "\"");
            }
        }
        for (const auto& [set, sc] : scores)
            MESSAGE("wh-briefings ", set, ": ", sc.quotes, " quotations, ", sc.others,
                    " other paragraphs; F1 ", sc.f1(), ", speaker accuracy ", sc.accuracy(), " (",
                    sc.right, "/", sc.tp, ")");
        REQUIRE(scores["dev"].quotes >= 40);
        // Regression floors, below the figures measured (README of tests/data/quotes).
        CHECK(scores["all"].f1() >= 0.90);
        CHECK(scores["all"].accuracy() >= 0.85);
    }
}
