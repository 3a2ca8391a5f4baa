#include <doctest/doctest.h>

#include <algorithm>

#include "dossier/actors.hpp"
#include "interactive.hpp"

using namespace dossier;
using namespace dossier::interactive;

namespace {

const Gazetteer& gazetteer() {
    static const Gazetteer g = Gazetteer::parse(
        "id\ttype\tname\tparent\taliases\n"
        "KOR\tcountry\tSouth Korea\t\tSouth Korea|Seoul\n"
        "PRK\tcountry\tNorth Korea\t\tNorth Korea|Pyongyang\n"
        "USA\tcountry\tUnited States\t\tUnited States|Washington\n",
        "test gazetteer");
    return g;
}

Session fresh() {
    Settings s;
    s.request.limit = 10;
    return start(s);
}

bool has(const std::vector<std::string>& v, std::string_view x) {
    return std::find(v.begin(), v.end(), x) != v.end();
}

}  // namespace

TEST_SUITE("interactive") {
    TEST_CASE("a plain line is the query and is searched") {
        Session s = fresh();
        Outcome o = apply_line("  north korea missiles ", s, &gazetteer());
        CHECK(o.action == Action::search);
        CHECK(s.query == "north korea missiles");
        CHECK(s.searched);
        CHECK(apply_line("   ", s, &gazetteer()).action == Action::none);
        CHECK(s.query == "north korea missiles");
    }

    TEST_CASE("filters narrow the session and search again once a query ran") {
        Session s = fresh();
        Outcome before = apply_line(":actor KOR", s, &gazetteer());
        CHECK(before.action == Action::none);  // nothing to narrow yet
        CHECK(s.current.request.actors == std::vector<std::string>{"KOR"});
        apply_line("deterrence", s, &gazetteer());
        Outcome o = apply_line(":from 2020", s, &gazetteer());
        CHECK(o.action == Action::search);
        CHECK_FALSE(o.error);
        CHECK(s.current.request.from == "2020");
        CHECK(s.query == "deterrence");
        // Names resolve to ids, a second actor is also required.
        apply_line(":actor Pyongyang", s, &gazetteer());
        CHECK(s.current.request.actors == std::vector<std::string>{"KOR", "PRK"});
        CHECK(prompt(s) == "dossier [KOR PRK 2020..]> ");
        apply_line(":actor", s, &gazetteer());
        apply_line(":from", s, &gazetteer());
        CHECK(s.current.request.actors.empty());
        CHECK(prompt(s) == "dossier> ");
    }

    TEST_CASE("every setting command, with the value it sets") {
        Session s = fresh();
        apply_line("korea", s, nullptr);
        const struct {
            std::string_view line;
            std::string_view setting;  // as :settings shows it
        } cases[] = {
            {":to 2024-06", "to: 2024-06"},
            {":speaker the Pentagon", "speaker: the Pentagon"},
            {":quotes", "quotes only: on"},
            {":quotes off", "quotes only: off"},
            {":facets actor,year", "facets: actor,year"},
            {":timeline month", "timeline: month"},
            {":n 20", "n: 20"},
            {":sort newest", "sort: newest"},
            {":match any", "match: any"},
            {":per-article 1", "per article: 1"},
            {":C 2", "context: 2"},
            {":context 1", "context: 1"},
            {":explain", "explain: on"},
            {":cite on", "cite: on"},
            {":format jsonl", "format: jsonl"},
        };
        for (const auto& c : cases) {
            CAPTURE(c.line);
            Outcome o = apply_line(c.line, s, nullptr);
            CHECK_FALSE(o.error);
            CHECK(o.action == Action::search);
            CHECK(describe(s.current).find(std::string(c.setting)) != std::string::npos);
        }
        CHECK(s.current.request.facets == std::vector<std::string>{"actor", "year"});
        CHECK(s.current.request.sort == SortOrder::newest);
        CHECK(s.current.request.limit == 20);
        apply_line(":reset", s, nullptr);
        CHECK(describe(s.current) == describe(s.initial));
    }

    TEST_CASE("bad values are refused and change nothing") {
        Session s = fresh();
        apply_line("korea", s, &gazetteer());
        const std::string_view bad[] = {
            ":from 2024-13", ":to yesterday",  ":actor Atlantis",
            ":n many",       ":n -1",          ":sort sideways",
            ":format xml",   ":facets colour", ":timeline decade",
            ":quotes maybe", ":match some",    ":context 1000",
            ":show",         ":frobnicate",
        };
        const std::string settings = describe(s.current);
        for (auto line : bad) {
            CAPTURE(line);
            Outcome o = apply_line(line, s, &gazetteer());
            CHECK(o.error);
            CHECK_FALSE(o.message.empty());
            CHECK(o.action == Action::none);
        }
        CHECK(describe(s.current) == settings);
    }

    TEST_CASE(":next pages on, a new query starts again at the top") {
        Session s = fresh();
        CHECK(apply_line(":next", s, nullptr).error);  // no query yet
        apply_line("korea", s, nullptr);
        apply_line(":next", s, nullptr);
        apply_line(":next", s, nullptr);
        CHECK(s.current.request.offset == 20);
        apply_line("japan", s, nullptr);
        CHECK(s.current.request.offset == 0);
        apply_line(":next", s, nullptr);
        apply_line(":sort oldest", s, nullptr);
        CHECK(s.current.request.offset == 0);
    }

    TEST_CASE("quit, help and show") {
        Session s = fresh();
        for (auto line : {":quit", ":q", ":exit"})
            CHECK(apply_line(line, s, nullptr).action == Action::quit);
        CHECK(apply_line(":help", s, nullptr).action == Action::help);
        Outcome show = apply_line(":show a.txt#3", s, nullptr);
        CHECK(show.action == Action::show);
        CHECK(show.argument == "a.txt#3");
        CHECK(help_text().find(":actor") != std::string::npos);
    }

    TEST_CASE("the query given on the command line starts the session") {
        Settings flags;
        flags.request.query = "ignored: the query is the session's";
        flags.request.actors = {"USA"};
        Session s = start(flags, "alliance");
        CHECK(s.query == "alliance");
        CHECK(s.current.request.query.empty());
        CHECK(s.current.request.actors == std::vector<std::string>{"USA"});
    }

    TEST_CASE("completion of commands, actor ids and values") {
        auto commands = completions("", ":f", nullptr);
        CHECK(has(commands, ":from"));
        CHECK(has(commands, ":facets"));
        CHECK(has(commands, ":format"));
        CHECK_FALSE(has(commands, ":to"));
        CHECK(completions(":actor ", "P", &gazetteer()) == std::vector<std::string>{"PRK"});
        CHECK(completions(":format ", "js", nullptr) == std::vector<std::string>{"json", "jsonl"});
        CHECK(has(completions(":facets ", "", nullptr), "speaker"));
        CHECK(completions("korea ", "no", &gazetteer()).empty());  // query words: no guessing
    }
}
