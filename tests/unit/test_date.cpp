#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "dossier/date.hpp"
#include "dossier/errors.hpp"

using dossier::Date;
using dossier::parse_date;

TEST_SUITE("date") {
    TEST_CASE("parse_date accepts the documented forms") {
        const struct {
            std::string_view text;
            std::string_view printed;
        } cases[] = {
            {"2026-01-24", "2026-01-24"},
            {"2026-01", "2026-01"},
            {"2026", "2026"},
            {"1790", "1790"},
            {"Jan 24, 2026", "2026-01-24"},
            {"January 24 2026", "2026-01-24"},
            {"January 24, 2026", "2026-01-24"},
            {"24 January 2026", "2026-01-24"},
            {"24 Jan. 2026", "2026-01-24"},
            {"Jan. 24, 2026", "2026-01-24"},
            {"Sept. 15, 2021", "2021-09-15"},
            {"sep 15 2021", "2021-09-15"},
            {"DECEMBER 7, 1941", "1941-12-07"},
            {"June 1st, 2002", "2002-06-01"},
            {"3 May 2023", "2023-05-03"},
            {"January 2026", "2026-01"},
            {"  '2025-03-13' ", "2025-03-13"},
            {"\"2024-02-29\"", "2024-02-29"},  // leap year
            {"2000-02-29", "2000-02-29"},      // divisible by 400
        };
        for (const auto& c : cases) {
            CAPTURE(c.text);
            const auto d = parse_date(c.text);
            REQUIRE(d.has_value());
            CHECK(d->to_string() == c.printed);
        }
    }

    TEST_CASE("parse_date rejects impossible dates and other text") {
        const std::string_view cases[] = {
            "",           "   ",          "2026-02-31",  "2026-02-29",   "1900-02-29",
            "2026-13-01", "2026-00-10",   "2026-04-31",  "2026-01-00",   "0000",
            "26-01-24",   "2026-1-24",    "2026/01/24",  "Feb 30, 2024", "31 April 2026",
            "Jan 2026 5", "Foo 24, 2026", "24 Foo 2026", "tomorrow",     "2026-01-24x",
            "12345",      "Jan 24",       "'2026-01-24",
        };
        for (const auto text : cases) {
            CAPTURE(text);
            CHECK_FALSE(parse_date(text).has_value());
        }
    }

    TEST_CASE("sort keys sort as bytes; partial dates have zero parts") {
        CHECK(Date{2026, 1, 24}.sort_key() == "20260124");
        CHECK(Date{2026, 1, 0}.sort_key() == "20260100");
        CHECK(Date{1790, 0, 0}.sort_key() == "17900000");
        CHECK(Date{1790, 0, 0}.to_string() == "1790");
        CHECK(Date{2026, 3, 0}.to_string() == "2026-03");
        CHECK(Date{987, 1, 2}.to_string() == "0987-01-02");
        CHECK(Date{2025, 12, 31}.sort_key() < Date{2026, 1, 1}.sort_key());
        CHECK(Date{2025, 12, 31} < Date{2026, 1, 1});
    }

    TEST_CASE("range keys cover the whole period of a partial date") {
        const struct {
            std::string_view text;
            std::string_view lower;
            std::string_view upper;
        } cases[] = {
            {"2019", "20190000", "20199999"},
            {"2019-06", "20190600", "20190699"},
            {"2019-06-15", "20190615", "20190615"},
            {"Jun 15, 2019", "20190615", "20190615"},
        };
        for (const auto& c : cases) {
            CAPTURE(c.text);
            CHECK(dossier::range_lower_key(c.text) == c.lower);
            CHECK(dossier::range_upper_key(c.text) == c.upper);
        }
        // Every date in 2019 lies inside the bounds of "2019", and a year-only date too.
        CHECK(Date{2019, 0, 0}.sort_key() >= dossier::range_lower_key("2019"));
        CHECK(Date{2019, 12, 31}.sort_key() <= dossier::range_upper_key("2019"));
        CHECK(Date{2020, 1, 1}.sort_key() > dossier::range_upper_key("2019"));
    }

    TEST_CASE("a bad range bound is a usage error naming the text and the accepted forms") {
        for (std::string_view bad : {"2026-02-31", "last week", ""}) {
            CAPTURE(bad);
            try {
                (void)dossier::range_lower_key(bad);
                FAIL("no exception");
            } catch (const dossier::UsageError& e) {
                const std::string msg = e.what();
                CHECK(msg.find("'" + std::string(bad) + "'") != std::string::npos);
                CHECK(msg.find("YYYY-MM-DD") != std::string::npos);
                CHECK(msg.find("24 January 2026") != std::string::npos);
            }
            CHECK_THROWS_AS((void)dossier::range_upper_key(bad), dossier::UsageError);
        }
    }
}
