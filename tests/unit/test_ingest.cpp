#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "dossier/errors.hpp"
#include "dossier/ingest.hpp"
#include "dossier/segment.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using dossier::Article;
using dossier::FileContents;
using dossier::InputFormat;
using dossier::PassageKind;

namespace {

const fs::path articles_dir = fs::path(DOSSIER_SOURCE_DIR) / "tests" / "data" / "articles";
const fs::path bad_dir = fs::path(DOSSIER_SOURCE_DIR) / "tests" / "data" / "bad";

std::string slurp(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

using dossier::test::TempDir;

// Every passage of a file-backed article is the same bytes in the source file.
void check_offsets(const std::string& file_bytes, const Article& a) {
    const auto passages = dossier::segment(a.text);
    REQUIRE_FALSE(passages.empty());
    for (const auto& p : passages) {
        const std::string_view in_text = std::string_view(a.text).substr(p.begin, p.end - p.begin);
        CAPTURE(in_text);
        CHECK(file_bytes.substr(a.text_offset + p.begin, p.end - p.begin) == in_text);
    }
}

std::string_view passage_text(const Article& a, const dossier::Passage& p) {
    return std::string_view(a.text).substr(p.begin, p.end - p.begin);
}

// The InputError `fn` throws (it must throw one).
template <typename Fn>
dossier::InputError input_error(Fn fn) {
    try {
        fn();
    } catch (const dossier::InputError& e) {
        return e;
    }
    FAIL("no InputError thrown");
    return dossier::InputError("", "");
}

FileContents parse(std::string_view bytes, InputFormat format = InputFormat::text,
                   const dossier::IngestLimits& limits = {}) {
    return dossier::parse_contents(bytes, "mem.txt", format, limits);
}

}  // namespace

TEST_SUITE("ingest") {
    TEST_CASE("detect_format by extension") {
        CHECK(dossier::detect_format("a/b.jsonl") == InputFormat::jsonl);
        CHECK(dossier::detect_format("b.NDJSON") == InputFormat::jsonl);
        CHECK(dossier::detect_format("b.md") == InputFormat::markdown);
        CHECK(dossier::detect_format("b.Markdown") == InputFormat::markdown);
        CHECK(dossier::detect_format("b.txt") == InputFormat::text);
        CHECK(dossier::detect_format("LICENSE") == InputFormat::text);
    }

    TEST_CASE("round trip: seed-format article with a date on the body's first line") {
        const fs::path file = articles_dir / "2026-03-05-alliance-cost-sharing.txt";
        const std::string bytes = slurp(file);
        const auto fc = dossier::read_file(file, "articles/2026-03-05-alliance-cost-sharing.txt");
        CHECK(fc.warnings.empty());
        REQUIRE(fc.articles.size() == 1);
        const Article& a = fc.articles[0];
        CHECK(a.id == "articles/2026-03-05-alliance-cost-sharing.txt");
        CHECK(a.source == a.id);
        REQUIRE(a.date);
        CHECK(a.date->to_string() == "2026-03-05");
        CHECK(a.text_offset == std::string_view("  date 2026-03-05 ").size());
        CHECK(a.text.rfind("Japan and the United States agreed", 0) == 0);
        check_offsets(bytes, a);

        const auto ps = dossier::segment(a.text);
        REQUIRE(ps.size() == 8);
        CHECK(passage_text(a, ps[2]).rfind("\"Our alliance is strongest", 0) == 0);
        CHECK(passage_text(a, ps[3]) ==
              "\"The new arrangement keeps our forces ready and our commitments credible.\"");
        CHECK(ps[5].kind == PassageKind::heading);
        CHECK(passage_text(a, ps[5]) == "TALKS ON COMMAND STRUCTURE TO CONTINUE");
        CHECK(ps[4].heading.empty());
        CHECK(ps[6].heading == "TALKS ON COMMAND STRUCTURE TO CONTINUE");
        CHECK(ps[7].heading == "TALKS ON COMMAND STRUCTURE TO CONTINUE");
    }

    TEST_CASE("round trip: key: value header block") {
        const fs::path file = articles_dir / "baltic-air-defence.txt";
        const auto fc = dossier::read_file(file, "baltic-air-defence.txt");
        CHECK(fc.warnings.empty());
        REQUIRE(fc.articles.size() == 1);
        const Article& a = fc.articles[0];
        CHECK(a.title == "Baltic states expand joint air defence exercises");
        REQUIRE(a.date);
        CHECK(a.date->to_string() == "2025-05-14");
        CHECK(a.publisher == "Example Defence Weekly");
        CHECK(a.url == "https://news.example.org/baltic-air-defence");
        CHECK(a.author == "Ieva Kalnina");
        CHECK(a.genre == "news");
        CHECK(a.text.rfind("Estonia, Latvia and Lithuania", 0) == 0);
        check_offsets(slurp(file), a);
        const auto ps = dossier::segment(a.text);
        REQUIRE(ps.size() == 4);
        CHECK(ps[2].kind == PassageKind::heading);
        CHECK(ps[3].heading == "OFFICIALS CITE DRONE INCURSIONS");
    }

    TEST_CASE("round trip: Markdown with YAML front matter") {
        const fs::path file = articles_dir / "2025-06-03-maritime-statement.md";
        const auto fc = dossier::read_file(file, "2025-06-03-maritime-statement.md");
        CHECK(fc.warnings.empty());
        REQUIRE(fc.articles.size() == 1);
        const Article& a = fc.articles[0];
        // "\_" is a no-break space; "\" at the end of a line joins it to the next one.
        CHECK(a.title ==
              "Statement on Maritime Security Cooperation with the Republic\u00A0of Korea and "
              "Japan");
        REQUIRE(a.date);
        CHECK(a.date->to_string() == "2025-06-03");
        CHECK(a.url ==
              "https://www.example.gov/briefings/2025/06/03/statement-on-maritime-security/");
        CHECK(a.publisher == "example.gov");  // no `source:` field: the URL's host
        CHECK(a.genre == "statements-releases");
        check_offsets(slurp(file), a);
        const auto ps = dossier::segment(a.text);
        REQUIRE(ps.size() == 5);
        CHECK(ps[0].kind == PassageKind::heading);
        CHECK(passage_text(a, ps[0]) == "Shared Patrols");
        CHECK(ps[2].heading == "Shared Patrols");  // the NBSP-only line between is blank
        CHECK(ps[3].kind == PassageKind::heading);
        CHECK(ps[4].heading == "Information Sharing");
    }

    TEST_CASE("round trip: transcript with speaker labels") {
        const fs::path file = articles_dir / "2023-04-26-press-conference.md";
        const auto fc = dossier::read_file(file, "2023-04-26-press-conference.md");
        CHECK(fc.warnings.empty());
        REQUIRE(fc.articles.size() == 1);
        const Article& a = fc.articles[0];
        CHECK(a.title == "Remarks by the President and President Yoon in a Joint Press Conference");
        CHECK(a.genre == "press-briefings");
        check_offsets(slurp(file), a);
        std::vector<std::string> labels;
        for (const auto& p : dossier::segment(a.text)) {
            CHECK(p.kind == PassageKind::paragraph);  // no label, time or "END" is a heading
            const auto label = dossier::speaker_label(passage_text(a, p));
            if (!label.empty()) labels.emplace_back(label);
        }
        CHECK(labels == std::vector<std::string>{"PRESIDENT YOON", "Q", "PRESIDENT YOON", "Q"});
    }

    TEST_CASE("round trip: JSON Lines records") {
        const fs::path file = articles_dir / "records.jsonl";
        const auto fc = dossier::read_file(file, "records.jsonl");
        CHECK(fc.warnings.empty());
        REQUIRE(fc.articles.size() == 3);
        std::istringstream lines(slurp(file));
        std::string line;
        for (const Article& a : fc.articles) {
            REQUIRE(std::getline(lines, line));
            const auto record = nlohmann::json::parse(line);
            CHECK(a.id == record["id"].get<std::string>());
            CHECK(a.source == a.id);
            CHECK(a.text_offset == 0);
            CHECK(a.text == record["text"].get<std::string>());
            CHECK(a.title == record["title"].get<std::string>());
            CHECK(a.publisher == record["source"].get<std::string>());
            for (const auto& p : dossier::segment(a.text)) CHECK(p.end <= a.text.size());
        }
        REQUIRE(fc.articles[0].date);
        CHECK(fc.articles[0].date->to_string() == "1790");  // a JSON number: a year
        CHECK(fc.articles[0].genre == "speech");
        CHECK(fc.articles[0].author == "George Washington");
        CHECK(fc.articles[1].date->to_string() == "2024-07-10");
        CHECK(fc.articles[1].url == "https://wire.example.com/summit");
        CHECK(dossier::segment(fc.articles[1].text).size() == 2);
        CHECK(fc.articles[2].date->to_string() == "2021-09-15");
    }

    TEST_CASE("bad input: one clear error or warning per file") {
        const struct {
            std::string_view file;
            std::string_view error;    // InputError reason, or "" when the file is read
            std::string_view warning;  // the one warning expected otherwise
            std::size_t articles;
            bool dated;
        } cases[] = {
            {"invalid-utf8.txt", "invalid UTF-8 at byte 46", "", 0, false},
            {"binary.txt", "binary file (NUL byte at 19)", "", 0, false},
            {"empty.txt", "empty file", "", 0, false},
            {"whitespace-only.txt", "empty file (only whitespace)", "", 0, false},
            {"broken-line.jsonl", "", "line 2: invalid JSON", 2, true},
            {"feb-31.txt", "", "invalid date '2026-02-31': indexed as undated", 1, false},
            {"undated.txt", "", "no date: indexed as undated", 1, false},
        };
        for (const auto& c : cases) {
            CAPTURE(c.file);
            const std::string name = "bad/" + std::string(c.file);
            if (!c.error.empty()) {
                const auto e = input_error([&] { dossier::read_file(bad_dir / c.file, name); });
                CHECK(e.file() == name);
                CHECK(e.reason() == c.error);
                CHECK(std::string(e.what()) == name + ": " + std::string(c.error));
                continue;
            }
            const auto fc = dossier::read_file(bad_dir / c.file, name);
            REQUIRE(fc.warnings.size() == 1);
            CHECK(fc.warnings[0].rfind(c.warning, 0) == 0);
            CHECK(fc.articles.size() == c.articles);
            for (const auto& a : fc.articles) CHECK(a.date.has_value() == c.dated);
        }
        // The broken JSONL line does not take its neighbours with it.
        const auto fc = dossier::read_file(bad_dir / "broken-line.jsonl", "broken-line.jsonl");
        REQUIRE(fc.articles.size() == 2);
        CHECK(fc.articles[0].id == "first");
        CHECK(fc.articles[1].id == "third");
        CHECK(fc.articles[1].date->to_string() == "2025-01-04");
    }

    TEST_CASE("unreadable files") {
        TempDir dir;
        auto e = input_error([&] { dossier::read_file(dir.path / "missing.txt", "missing.txt"); });
        CHECK(e.file() == "missing.txt");
        CHECK(e.reason().rfind("cannot read: ", 0) == 0);

        e = input_error([&] { dossier::read_file(dir.path, "a-directory"); });
        CHECK(e.reason() == "cannot read: not a regular file");

        const fs::path locked = dir.path / "locked.txt";
        std::ofstream(locked) << "date 2026-01-01 Locked away.\n";
        fs::permissions(locked, fs::perms::none);
        if (std::ifstream(locked).good()) {
            MESSAGE("SKIPPED: permission test (running as root can read a mode-000 file)");
        } else {
            e = input_error([&] { dossier::read_file(locked, "locked.txt"); });
            CHECK(e.reason().rfind("cannot read: ", 0) == 0);
        }
    }

    TEST_CASE("a 200 MB single-line file is refused without being read whole") {
        TempDir dir;
        const fs::path file = dir.path / "huge.txt";
        {
            std::ofstream out(file, std::ios::binary);
            const std::string chunk = [] {
                std::string s;
                while (s.size() < (1u << 20)) s += "deterrence alliance posture readiness ";
                return s.substr(0, 1u << 20);
            }();
            for (int i = 0; i < 200; ++i) out.write(chunk.data(), static_cast<long>(chunk.size()));
        }
        REQUIRE(fs::file_size(file) == 200u << 20);

        // Default limits: the size alone refuses it, before a byte is read.
        auto e = input_error([&] { dossier::read_file(file, "huge.txt"); });
        CHECK(e.reason() == "file is larger than 67108864 bytes (209715200 bytes)");

        // With room for the file, the line limit stops the read after a few megabytes.
        dossier::IngestLimits roomy;
        roomy.max_file_bytes = 1u << 30;
        e = input_error([&] { dossier::read_file(file, "huge.txt", roomy); });
        CHECK(e.reason() == "line 1 is longer than 4194304 bytes");
    }

    TEST_CASE("limits on bytes in memory") {
        dossier::IngestLimits tight;
        tight.max_line_bytes = 10;
        auto e =
            input_error([&] { parse("date 2026\n0123456789ABC\nok\n", InputFormat::text, tight); });
        CHECK(e.reason() == "line 2 is longer than 10 bytes");
        CHECK(e.file() == "mem.txt");
        tight.max_file_bytes = 5;
        e = input_error([&] { parse("date 2026", InputFormat::text, tight); });
        CHECK(e.reason() == "file is larger than 5 bytes (9 bytes)");
    }

    TEST_CASE("a UTF-8 BOM is skipped and offsets still point into the file") {
        const std::string bytes =
            "\xEF\xBB\xBF"
            "date 2026-01-24 Seoul agreed.\n\nTokyo too.\n";
        const auto fc = parse(bytes);
        REQUIRE(fc.articles.size() == 1);
        const Article& a = fc.articles[0];
        CHECK(a.date->to_string() == "2026-01-24");
        CHECK(a.text_offset == 3 + std::string_view("date 2026-01-24 ").size());
        check_offsets(bytes, a);

        const std::string md = "\xEF\xBB\xBF---\ntitle: BOM\ndate: 2026-01-02\n---\nBody.\n";
        const auto m = parse(md, InputFormat::markdown);
        CHECK(m.articles.at(0).title == "BOM");
        check_offsets(md, m.articles.at(0));
        CHECK_THROWS_AS(parse("\xEF\xBB\xBF \n"), dossier::InputError);
    }

    TEST_CASE("CRLF line endings in every format") {
        const std::string seed =
            "\r\n date 2026-01-24\r\n\r\nFirst paragraph.\r\n\r\nHEADING\r\n\r\nLast.\r\n";
        auto fc = parse(seed);
        REQUIRE(fc.articles.size() == 1);
        CHECK(fc.warnings.empty());
        CHECK(fc.articles[0].date->to_string() == "2026-01-24");
        check_offsets(seed, fc.articles[0]);
        const auto ps = dossier::segment(fc.articles[0].text);
        REQUIRE(ps.size() == 3);
        CHECK(passage_text(fc.articles[0], ps[0]) == "First paragraph.");
        CHECK(ps[2].heading == "HEADING");

        const std::string header = "title: T\r\ndate: 2026-01-24\r\n\r\nBody here.\r\n";
        fc = parse(header);
        CHECK(fc.articles.at(0).title == "T");
        CHECK(fc.articles.at(0).date->to_string() == "2026-01-24");
        check_offsets(header, fc.articles.at(0));

        const std::string md =
            "---\r\ntitle: \"Two\\\r\n  \\ lines\"\r\ndate: '2026-01-24'\r\n---\r\n# "
            "H\r\nText.\r\n";
        fc = parse(md, InputFormat::markdown);
        CHECK(fc.articles.at(0).title == "Two lines");
        CHECK(fc.articles.at(0).date->to_string() == "2026-01-24");
        check_offsets(md, fc.articles.at(0));

        const std::string jsonl =
            "{\"id\":\"a\",\"date\":\"2026\",\"text\":\"x\"}\r\n"
            "{\"id\":\"b\",\"date\":\"2026\",\"text\":\"y\"}\r\n";
        fc = parse(jsonl, InputFormat::jsonl);
        CHECK(fc.warnings.empty());
        CHECK(fc.articles.size() == 2);
    }

    TEST_CASE("the date line of the seed format") {
        const struct {
            std::string_view bytes;
            std::string_view date;  // "" when undated
            std::string_view body;  // how the text starts
            std::string_view warning;
        } cases[] = {
            {" date 2026-01-24 The Pentagon said.", "2026-01-24", "The Pentagon", ""},
            {"date Jan 24, 2026 The Pentagon said.", "2026-01-24", "The Pentagon", ""},
            {"date 24 January 2026\n\nThe Pentagon said.", "2026-01-24", "The Pentagon", ""},
            {"date January 2026 The Pentagon said.", "2026-01", "The Pentagon", ""},
            {"date 2026 The Pentagon said.", "2026", "The Pentagon", ""},
            {"Date 2026-01-24\nThe Pentagon said.", "2026-01-24", "The Pentagon", ""},
            {"date 2026-02-31 The Pentagon said.", "", "The Pentagon",
             "invalid date '2026-02-31': indexed as undated"},
            {"date Feb 30, 2026 The Pentagon said.", "", "The Pentagon",
             "invalid date 'Feb 30, 2026': indexed as undated"},
            {"date of the talks is unknown.", "", "date of the talks",
             "no date: indexed as undated"},
            {"dated 2026-01-24 text.", "", "dated 2026", "no date: indexed as undated"},
            {"The Pentagon said.", "", "The Pentagon", "no date: indexed as undated"},
        };
        for (const auto& c : cases) {
            CAPTURE(c.bytes);
            const auto fc = parse(c.bytes);
            REQUIRE(fc.articles.size() == 1);
            const Article& a = fc.articles[0];
            CHECK((a.date ? a.date->to_string() : "") == c.date);
            CHECK(a.text.rfind(c.body, 0) == 0);
            CHECK(std::string_view(c.bytes).substr(a.text_offset) == a.text);
            if (c.warning.empty()) {
                CHECK(fc.warnings.empty());
            } else {
                REQUIRE(fc.warnings.size() == 1);
                CHECK(fc.warnings[0] == c.warning);
            }
        }
    }

    TEST_CASE("header blocks") {
        // Continuation lines, unknown keys, and a body that starts right after the header.
        auto fc =
            parse("Title: Long\n  title here\nsource: Wire\nlanguage: en\ndate: 2026\nBody.\n");
        Article a = fc.articles.at(0);
        CHECK(a.title == "Long title here");
        CHECK(a.publisher == "Wire");
        CHECK(a.date->to_string() == "2026");
        CHECK(a.text == "Body.\n");
        // Only a known key on the first line makes a header: this is body text.
        fc = parse("Note: the ministry declined to comment.\n\ndate: 2026-01-01\n");
        a = fc.articles.at(0);
        CHECK(a.text_offset == 0);
        CHECK(a.title.empty());
        CHECK_FALSE(a.date);
        CHECK(fc.warnings == std::vector<std::string>{"no date: indexed as undated"});
        // A header without a date.
        fc = parse("title: Undated\n\nBody.\n");
        CHECK(fc.warnings == std::vector<std::string>{"no date: indexed as undated"});
        // Bad date in a header.
        fc = parse("title: X\ndate: 31 February 2026\n\nBody.\n");
        CHECK(fc.warnings ==
              std::vector<std::string>{"invalid date '31 February 2026': indexed as undated"});
    }

    TEST_CASE("YAML front matter scalars") {
        const std::string md =
            "---\n"
            "layout: post\n"
            "title : National Strategy\n"
            "author: 'Ministry of Defence, O''Brien''s office'\n"
            "date  : 2018-01-19 12:00:00 +0800\n"
            "#image_caption: \"\"\n"
            "description: \"Quotes \\\"inside\\\", an apostrophe\\u2019s, tab\\tand "
            "\\x41\\U0001F600\"\n"
            "source: Plain scalar that\n"
            "  continues here # with a comment\n"
            "tags: [press-briefings, 'korea', \"japan\"]\n"
            "nested:\n"
            "  key: value\n"
            "genre:\n"
            "  - speech\n"
            "  - remarks\n"
            "excerpt: >\n"
            "  folded\n"
            "  text\n"
            "---\n"
            "Body.\n";
        const auto fc = parse(md, InputFormat::markdown);
        CHECK(fc.warnings.empty());
        const Article& a = fc.articles.at(0);
        CHECK(a.title == "National Strategy");
        CHECK(a.author == "Ministry of Defence, O'Brien's office");
        CHECK(a.date->to_string() == "2018-01-19");
        CHECK(a.publisher == "Plain scalar that continues here");
        CHECK(a.genre == "speech, remarks");  // genre wins over tags
        CHECK(a.text == "Body.\n");
        check_offsets(md, a);

        const auto tags = parse("---\ntags: [press-briefings, 'korea', \"japan\"]\n---\nx\n",
                                InputFormat::markdown);
        CHECK(tags.articles.at(0).genre == "press-briefings, korea, japan");
        const auto esc = parse("---\ntitle: \"a\\\"b\\u2019c\\td\\x41\\U0001F600\\_e\"\n---\nx\n",
                               InputFormat::markdown);
        CHECK(esc.articles.at(0).title == "a\"b\u2019c\td\x41\U0001F600\u00A0e");
        const auto folded =
            parse("---\ntitle: 'one\n  two\n\n  three'\n---\nx\n", InputFormat::markdown);
        CHECK(folded.articles.at(0).title == "one two\nthree");
    }

    TEST_CASE("Markdown without front matter, or with a broken one") {
        // CRS style: "# Title" and bold metadata lines, US-order publication date.
        const std::string crs =
            "# Taiwan: Defense Issues for Congress\n\n"
            "**Report No.:** R00001\n**Publication Date:** 04/20/2026\n"
            "**Source:** https://www.congress.gov/crs-product/R00001\n\n---\n"
            "| **Authors:** | Doe, Jane \n\n"
            "## Background\n\nText.\n";
        auto fc = parse(crs, InputFormat::markdown);
        CHECK(fc.warnings.empty());
        const Article& a = fc.articles.at(0);
        CHECK(a.title == "Taiwan: Defense Issues for Congress");
        CHECK(a.date->to_string() == "2026-04-20");
        CHECK(a.url == "https://www.congress.gov/crs-product/R00001");
        CHECK(a.publisher == "congress.gov");
        CHECK(a.author == "Doe, Jane");
        CHECK(a.text_offset == 0);

        fc = parse("---\ntitle: never closed\n\nBody.\n", InputFormat::markdown);
        REQUIRE(fc.warnings.size() == 2);
        CHECK(fc.warnings[0] == "front matter has no closing '---': read as plain Markdown");
        CHECK(fc.warnings[1] == "no date: indexed as undated");
        CHECK(fc.articles.at(0).text_offset == 0);

        fc = parse("---\ntitle: \"never closed\ndate: 2026\n---\nBody.\n", InputFormat::markdown);
        CHECK(fc.warnings.at(0) == "front matter: 'title' has no closing quote");
    }

    TEST_CASE("JSON Lines record problems are warnings naming the line") {
        const std::string jsonl =
            "{\"id\": 7, \"date\": \"2026-01-02\", \"text\": \"numeric id\"}\n"
            "\n"
            "[1, 2]\n"
            "{\"title\": \"no id\", \"text\": \"x\"}\n"
            "{\"id\": 7, \"text\": \"duplicate\"}\n"
            "{\"id\": \"t\"}\n"
            "{\"id\": \"u\", \"text\": \"undated\"}\n"
            "{\"id\": \"v\", \"date\": \"2026-02-31\", \"text\": \"bad date\"}\n"
            "{\"id\": \"w\", \"year\": 1801, \"text\": \"SOTU style\", \"tags\": [\"a\", \"b\"]}\n"
            "{\"id\": \"x\", \"date\": \"2025-03-13T10:00:00Z\", \"text\": \"timestamp\"}\n"
            "not json at all\n";
        const auto fc = parse(jsonl, InputFormat::jsonl);
        const std::vector<std::string> expected = {
            "line 3: not a JSON object, skipped",
            "line 4: no 'id', skipped",
            "line 5: duplicate id '7', skipped",
            "line 6: record 't' has no 'text', skipped",
            "line 7: no date: indexed as undated",
            "line 8: invalid date '2026-02-31': indexed as undated",
        };
        REQUIRE(fc.warnings.size() == expected.size() + 1);
        for (std::size_t i = 0; i < expected.size(); ++i) CHECK(fc.warnings[i] == expected[i]);
        CHECK(fc.warnings.back().rfind("line 11: invalid JSON (", 0) == 0);
        REQUIRE(fc.articles.size() == 5);
        CHECK(fc.articles[0].id == "7");
        CHECK(fc.articles[1].id == "u");
        CHECK_FALSE(fc.articles[2].date);
        CHECK(fc.articles[3].date->to_string() == "1801");
        CHECK(fc.articles[3].genre == "a, b");
        CHECK(fc.articles[4].date->to_string() == "2025-03-13");
    }

    TEST_CASE("the seed article") {
        const fs::path seed = fs::path(DOSSIER_SHARED_DIR) / "seed" / "2026-01-24-nds-korea.txt";
        if (!fs::exists(seed)) {
            MESSAGE("SKIPPED: " << seed.string() << " not found");
            return;
        }
        const std::string bytes = slurp(seed);
        const auto fc = dossier::read_file(seed, "seed/2026-01-24-nds-korea.txt");
        CHECK(fc.warnings.empty());
        REQUIRE(fc.articles.size() == 1);
        const Article& a = fc.articles[0];
        REQUIRE(a.date);
        CHECK(a.date->to_string() == "2026-01-24");
        CHECK(a.text.rfind("The Pentagon foresees", 0) == 0);
        check_offsets(bytes, a);

        const auto ps = dossier::segment(a.text);
        int headings = 0;
        bool found_quote = false;
        for (const auto& p : ps) {
            const std::string_view t = passage_text(a, p);
            if (p.kind == PassageKind::heading) {
                ++headings;
                CHECK(t == "SHIFT BY TRUMP TO FOCUS ON US HOMELAND DEFENCE");
            }
            // The NDS quotation is a passage of its own, from its opening quote to "policies."
            if (t.find("capable of taking primary responsibility") != std::string_view::npos) {
                found_quote = true;
                CHECK(t.front() == '"');
                CHECK(t.substr(t.size() - 9) == "policies.");
                CHECK(t.find("\n") == std::string_view::npos);
                CHECK(bytes.substr(a.text_offset + p.begin, p.end - p.begin) == t);
                CHECK(p.heading.empty());
            }
        }
        CHECK(headings == 1);
        CHECK(found_quote);
        CHECK(ps.back().heading == "SHIFT BY TRUMP TO FOCUS ON US HOMELAND DEFENCE");
    }
}
