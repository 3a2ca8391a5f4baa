#include <doctest/doctest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "dossier/terminal.hpp"

using namespace dossier;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) lines.push_back(line);
    return lines;
}

// Sets an environment variable for one scope, and puts the old value back.
class ScopedEnv {
  public:
    ScopedEnv(const char* name, const char* value) : m_name(name) {
        if (const char* old = std::getenv(name)) m_old = old;
        if (value) {
            ::setenv(name, value, 1);
        } else {
            ::unsetenv(name);
        }
    }
    ~ScopedEnv() {
        if (m_old) {
            ::setenv(m_name, m_old->c_str(), 1);
        } else {
            ::unsetenv(m_name);
        }
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

  private:
    const char* m_name;
    std::optional<std::string> m_old;
};

}  // namespace

TEST_SUITE("terminal") {
    TEST_CASE("display width skips escapes and counts characters, wide ones twice") {
        const struct {
            std::string_view text;
            std::size_t columns;
        } cases[] = {
            {"plain", 5},     {"\x1b[1;31mKorea\x1b[0m", 5}, {"¶12 — ▶", 7}, {"서울", 4},
            {"e\xcc\x81", 1},  // e + combining acute accent
            {"", 0},
        };
        for (const auto& c : cases) {
            CAPTURE(c.text);
            CHECK(terminal::display_width(c.text) == c.columns);
        }
    }

    TEST_CASE("wrap keeps every line within the width, with a hanging indent") {
        std::string text =
            "The alliance agreed to consult quickly in a crisis and to hold "
            "trilateral exercises every year from now on";
        std::string wrapped = terminal::wrap(text, 30, "   1. ", "      ");
        auto lines = lines_of(wrapped);
        REQUIRE(lines.size() > 2);
        CHECK(lines[0].rfind("   1. The", 0) == 0);
        for (const auto& l : lines) {
            CAPTURE(l);
            CHECK(terminal::display_width(l) <= 30);
        }
        for (std::size_t i = 1; i < lines.size(); ++i) {
            CHECK(lines[i].rfind("      ", 0) == 0);
            CHECK(lines[i][6] != ' ');
        }
        // Nothing lost or added but line breaks and indents.
        std::string joined;
        for (const auto& l : lines)
            joined += std::string(l.substr(l.find_first_not_of(" 1."))) + " ";
        joined.pop_back();
        CHECK(joined == text);
    }

    TEST_CASE("wrap closes a colour at a line break and opens it again on the next line") {
        std::string text = "aaaa \x1b[2mbbbb cccc dddd\x1b[0m eeee";
        std::string wrapped = terminal::wrap(text, 12, "", "  ");
        auto lines = lines_of(wrapped);
        REQUIRE(lines.size() == 3);
        CHECK(lines[0] == "aaaa \x1b[2mbbbb\x1b[0m");
        CHECK(lines[1] == "  \x1b[2mcccc dddd\x1b[0m");
        CHECK(lines[2] == "  eeee");
    }

    TEST_CASE("a word longer than the line stays whole") {
        std::string url = "https://example.org/a/very/long/path/that/cannot/break";
        auto lines = lines_of(terminal::wrap("see " + url + " now", 20, "", ""));
        REQUIRE(lines.size() == 3);
        CHECK(lines[1] == url);
    }

    TEST_CASE("screen lines count wrapped long lines") {
        CHECK(terminal::screen_lines("a\nb\n", 80) == 2);
        CHECK(terminal::screen_lines(std::string(100, 'x') + "\n", 40) == 3);
        CHECK(terminal::screen_lines("\n\n", 80) == 2);
        CHECK(terminal::screen_lines("", 80) == 0);
    }

    TEST_CASE("pager: DOSSIER_PAGER, then PAGER, then less -R; cat, empty or missing means none") {
        ScopedEnv path("PATH", "/usr/bin:/bin");
        {
            ScopedEnv d("DOSSIER_PAGER", nullptr);
            ScopedEnv p("PAGER", nullptr);
            CHECK(terminal::pager_command() == "less -R");
        }
        {
            ScopedEnv d("DOSSIER_PAGER", nullptr);
            ScopedEnv p("PAGER", "more");
            CHECK(terminal::pager_command() == "more");
        }
        {
            ScopedEnv d("DOSSIER_PAGER", "less -S");
            ScopedEnv p("PAGER", "more");
            CHECK(terminal::pager_command() == "less -S");
        }
        for (const char* none : {"", "cat", "  ", "no-such-pager-program -x"}) {
            CAPTURE(none);
            ScopedEnv d("DOSSIER_PAGER", nullptr);
            ScopedEnv p("PAGER", none);
            CHECK(terminal::pager_command().empty());
        }
    }

    TEST_CASE("page writes straight through when stdout is not a terminal") {
        // ctest runs us with stdout on a pipe or file: no pager may start, whatever is asked.
        if (terminal::stdout_is_tty()) {
            MESSAGE("SKIPPED: stdout is a terminal");
            return;
        }
        const std::string marker = (std::filesystem::temp_directory_path() /
                                    ("dossier-pager-" + std::to_string(::getpid())))
                                       .string();
        ScopedEnv d("DOSSIER_PAGER", ("touch " + marker).c_str());
        ScopedEnv lines("LINES", "2");
        CHECK(terminal::page("\n\n\n", true));
        CHECK_FALSE(std::filesystem::exists(marker));
        std::filesystem::remove(marker);
    }

    TEST_CASE("NO_COLOR turns auto colour off, never always") {
        ScopedEnv n("NO_COLOR", "1");
        CHECK_FALSE(terminal::use_color("auto"));
        CHECK(terminal::use_color("always"));
        CHECK_FALSE(terminal::use_color("never"));
    }
}
