#include "engine/schema/address_formats.h"

#include <cstdint>
#include <vector>

namespace loadstar::schema {

namespace {

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

bool isAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

std::vector<std::string_view> split(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = text.find(separator, start);
        parts.push_back(
            text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
        if (end == std::string_view::npos) return parts;
        start = end + 1;
    }
}

bool isHexDigit(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

}  // namespace

std::optional<std::string> ipv4Problem(std::string_view text) {
    if (text.empty()) return "the address is empty";
    const std::vector<std::string_view> octets = split(text, '.');
    if (octets.size() != 4) return "expected 4 octets in " + std::string(text);
    for (const std::string_view octet : octets) {
        if (octet.empty()) return "empty octet not permitted in " + std::string(text);
        if (octet.size() > 3) return "at most 3 characters permitted in " + std::string(octet);
        for (const char c : octet) {
            if (!isDigit(c)) return "only decimal digits permitted in " + std::string(octet);
        }
        if (octet.size() > 1 && octet.front() == '0')
            return "leading zeros are not permitted in " + std::string(octet);
        const int value = std::stoi(std::string(octet));
        if (value > 255) return "octet " + std::string(octet) + " (> 255) not permitted";
    }
    return std::nullopt;
}

std::optional<std::string> ipv6Problem(std::string_view text) {
    if (text.empty()) return "the address is empty";
    if (const std::size_t percent = text.find('%'); percent != std::string_view::npos) {
        const std::string_view scope = text.substr(percent + 1);
        if (scope.empty() || scope.find('%') != std::string_view::npos) return "invalid scope id";
        text = text.substr(0, percent);
    }
    std::vector<std::string_view> parts = split(text, ':');
    if (parts.size() < 3) return "at least 3 parts expected";
    int groupsNeeded = 8;
    if (parts.back().find('.') != std::string_view::npos) {
        if (ipv4Problem(parts.back())) return "invalid embedded IPv4 address " + std::string(parts.back());
        parts.pop_back();
        parts.push_back("0");  // two groups' worth, counted below
        groupsNeeded = 7;
    }
    if (parts.size() > static_cast<std::size_t>(groupsNeeded) + 1) return "too many parts";
    // Empty parts: one "::" in the middle, or a leading/trailing "::" (two empty parts there).
    std::size_t skip = parts.size();
    for (std::size_t i = 1; i + 1 < parts.size(); ++i) {
        if (parts[i].empty()) {
            if (skip != parts.size()) return "at most one '::' permitted";
            skip = i;
        }
    }
    std::size_t first = 0;
    std::size_t last = parts.size();
    if (skip != parts.size()) {
        if (parts.front().empty()) {
            if (skip != 1) return "leading ':' only permitted as part of '::'";
            first = 1;
        }
        if (parts.back().empty()) {
            if (skip != parts.size() - 2) return "trailing ':' only permitted as part of '::'";
            last = parts.size() - 1;
        }
        const std::size_t explicitGroups = last - first - 1;
        if (static_cast<int>(explicitGroups) >= groupsNeeded)
            return "expected at most " + std::to_string(groupsNeeded - 1) + " other parts with '::'";
    } else {
        if (parts.size() != static_cast<std::size_t>(groupsNeeded))
            return "exactly " + std::to_string(groupsNeeded) + " parts expected without '::'";
        if (parts.front().empty()) return "leading ':' only permitted as part of '::'";
        if (parts.back().empty()) return "trailing ':' only permitted as part of '::'";
    }
    for (std::size_t i = first; i < last; ++i) {
        if (i == skip) continue;
        const std::string_view group = parts[i];
        if (group.size() > 4) return "at most 4 characters permitted in " + std::string(group);
        for (const char c : group) {
            if (!isHexDigit(c)) return "only hex digits permitted in " + std::string(group);
        }
    }
    return std::nullopt;
}

std::optional<std::string> hostnameProblem(std::string_view text) {
    if (text.empty()) return "a hostname must not be empty";
    if (text.back() == '.') text.remove_suffix(1);
    if (text.empty()) return "a hostname must have at least one label";
    if (text.size() > 253) return "a hostname must not be longer than 253 characters";
    for (const std::string_view label : split(text, '.')) {
        if (label.empty()) return "a hostname must not have an empty label";
        if (label.size() > 63) return "a hostname label must not be longer than 63 characters";
        if (label.front() == '-' || label.back() == '-')
            return "a hostname label must not start or end with a hyphen";
        for (const char c : label) {
            if (!isAlpha(c) && !isDigit(c) && c != '-')
                return "a hostname may only contain letters, digits, hyphens and dots";
        }
    }
    return std::nullopt;
}

}  // namespace loadstar::schema
