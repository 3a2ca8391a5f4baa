#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "dossier/text.hpp"

using namespace std::string_view_literals;
namespace text = dossier::text;

TEST_SUITE("text") {
    TEST_CASE("find_invalid_utf8 accepts valid text and points at the first bad byte") {
        const struct {
            std::string_view bytes;
            std::optional<std::size_t> bad;
        } cases[] = {
            {"", std::nullopt},
            {"plain ASCII", std::nullopt},
            {"Seoul \xEC\x84\x9C\xEC\x9A\xB8 \xE2\x80\x9Cquoted\xE2\x80\x9D", std::nullopt},
            {"emoji \xF0\x9F\x87\xB0\xF0\x9F\x87\xB7", std::nullopt},
            {"max \xF4\x8F\xBF\xBF", std::nullopt},  // U+10FFFF
            {"ab\xFF", 2},                           // never valid in UTF-8
            {"a\x80z", 1},                           // stray continuation byte
            {"x\xC0\x80", 1},                        // overlong NUL
            {"x\xE0\x80\xAF", 1},                    // overlong '/'
            {"xy\xED\xA0\x80", 2},                   // UTF-16 surrogate
            {"\xF4\x90\x80\x80", 0},                 // above U+10FFFF
            {"abc\xE2\x82", 3},                      // truncated at the end
            {"ok \xE2\x82 then", 3},                 // truncated in the middle
            {"\xF5\x80\x80\x80", 0},
        };
        for (const auto& c : cases) {
            CAPTURE(c.bytes);
            CHECK(text::find_invalid_utf8(c.bytes) == c.bad);
        }
    }

    TEST_CASE("trim removes ASCII whitespace only; trim_spaces also Unicode spaces") {
        CHECK(text::trim("  \t a b \r\n") == "a b");
        CHECK(text::trim("") == "");
        CHECK(text::trim(" \n ") == "");
        CHECK(text::trim("\xC2\xA0x\xC2\xA0") == "\xC2\xA0x\xC2\xA0");
        CHECK(text::trim_spaces("\xC2\xA0 x y\xE2\x80\x83\xE3\x80\x80\r\n") == "x y");
        CHECK(text::trim_spaces("\xC2\xA0\xC2\xA0") == "");
        // A multi-byte letter ending in 0xA0 must not be mistaken for a space: U+00E0 is C3 A0.
        CHECK(text::trim_spaces("voil\xC3\xA0") == "voil\xC3\xA0");
    }

    TEST_CASE("space_length and is_blank") {
        CHECK(text::space_length(" ", 0) == 1);
        CHECK(text::space_length("\xC2\xA0", 0) == 2);
        CHECK(text::space_length("\xE2\x80\xAF", 0) == 3);  // U+202F narrow NBSP
        CHECK(text::space_length("\xE2\x80\x8B", 0) == 0);  // U+200B zero width: not a space
        CHECK(text::space_length("a", 0) == 0);
        CHECK(text::space_length("a", 5) == 0);
        CHECK(text::is_blank(""));
        CHECK(text::is_blank(" \t\r\n\xC2\xA0 "));
        CHECK_FALSE(text::is_blank(" . "));
    }

    TEST_CASE("case helpers") {
        CHECK(text::ascii_lower("NATO Allies \xC3\x89") == "nato allies \xC3\x89");
        CHECK(text::iequals("Title", "tITLE"));
        CHECK_FALSE(text::iequals("Title", "Titles"));
        CHECK_FALSE(text::iequals("a", "b"));
    }

    TEST_CASE("fold_whitespace") {
        CHECK(text::fold_whitespace("  Remarks by\n  the\tPresident \r\n") ==
              "Remarks by the President");
        CHECK(text::fold_whitespace("") == "");
        CHECK(text::fold_whitespace("one") == "one");
    }

    TEST_CASE("hash is 64-bit FNV-1a") {
        // Reference values of the FNV-1a specification.
        CHECK(text::hash64("") == 0xcbf29ce484222325ull);
        CHECK(text::hash64("a") == 0xaf63dc4c8601ec8cull);
        CHECK(text::hash64("foobar") == 0x85944171f73967e8ull);
        CHECK(text::hash_hex("") == "cbf29ce484222325");
        CHECK(text::hash_hex("a").size() == 16);
        CHECK(text::hash_hex("a") != text::hash_hex("b"));
        CHECK(text::hash_hex("a\0b"sv) != text::hash_hex("a"));
    }
}
