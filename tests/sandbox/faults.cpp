#include "tests/sandbox/faults.hpp"

#include <simdjson.h>

#include <stdexcept>

#include "tests/sandbox/http_date.hpp"

namespace tcfeed::sandbox {
namespace {

Response rule_response(const FaultRule& rule, std::int64_t now) {
  if (rule.kind == FaultKind::kEmptyList) return json_response(200, R"({"data":[],"status":"Success"})");
  Response response = failure(rule.status, rule.message);
  if (rule.retry_after) {
    response.headers.emplace_back("Retry-After", rule.retry_after_date ? format_http_date(now + *rule.retry_after)
                                                                       : std::to_string(*rule.retry_after));
  }
  return response;
}

}  // namespace

FaultInjector::FaultInjector(const Options& options)
    : api_root_(options.base_path),
      clock_offset_(options.clock_offset),
      bad_signature_(options.bad_signature),
      denied_owners_(options.denied_owners.begin(), options.denied_owners.end()) {
  if (options.fail_first > 0) {
    FaultRule rule;
    rule.count = options.fail_first;
    rule.status = options.fail_status;
    rule.path = options.fail_path;
    rule.method = options.fail_method;
    rules_.push_back(rule);
  }
  for (const auto& spec : options.fault_specs) {
    FaultRule rule;
    if (auto error = parse_fault_spec(spec, api_root_, rule)) {
      throw std::invalid_argument("--fault " + spec + ": " + *error);
    }
    rules_.push_back(std::move(rule));
  }
}

FaultDecision FaultInjector::decide(std::string_view method, std::string_view path, std::int64_t now) {
  FaultDecision decision;
  for (auto& rule : rules_) {
    if (!rule.matches(method, path) || !rule.fire()) continue;
    decision.delay += std::chrono::milliseconds(rule.delay_ms);
    if (rule.kind == FaultKind::kSlow) continue;  // a delay adds up; later rules still apply
    if (rule.kind == FaultKind::kCut) {
      decision.cut_after = rule.cut_after;
    } else if (rule.kind == FaultKind::kTrickle) {
      decision.trickle.emplace(rule.trickle_bytes, std::chrono::milliseconds(rule.trickle_ms));
    } else {
      decision.response = rule_response(rule, now);
    }
    break;
  }
  return decision;
}

std::optional<std::string> FaultInjector::apply_json(std::string_view body) {
  simdjson::dom::parser parser;
  simdjson::dom::object root;
  if (parser.parse(body.data(), body.size()).get(root) != simdjson::SUCCESS) {
    return "the body must be a JSON object";
  }
  std::vector<FaultRule> added;
  // A bare rule ({"kind":...}) is accepted as a one-rule list.
  if (root["kind"].error() == simdjson::SUCCESS) {
    FaultRule rule;
    if (auto error = parse_fault_spec(simdjson::minify(root), api_root_, rule)) return error;
    added.push_back(std::move(rule));
  } else {
    for (const auto field : root) {
      const std::string_view key = field.key;
      if (key != "rules" && key != "clock_offset" && key != "bad_signature" && key != "deny_owners") {
        return "unknown key \"" + std::string(key) + "\"";
      }
    }
    if (const auto rules = root["rules"]; rules.error() == simdjson::SUCCESS) {
      simdjson::dom::array list;
      if (rules.get_array().get(list) != simdjson::SUCCESS) return "rules must be an array";
      for (const auto entry : list) {
        FaultRule rule;
        if (auto error = parse_fault_spec(simdjson::minify(entry), api_root_, rule)) return error;
        added.push_back(std::move(rule));
      }
    }
  }
  std::optional<std::int64_t> offset;
  std::optional<bool> bad_signature;
  std::vector<std::string> denied;
  if (const auto field = root["clock_offset"]; field.error() == simdjson::SUCCESS) {
    std::int64_t value = 0;
    if (field.get_int64().get(value) != simdjson::SUCCESS) return "clock_offset must be an integer";
    offset = value;
  }
  if (const auto field = root["bad_signature"]; field.error() == simdjson::SUCCESS) {
    bool value = false;
    if (field.get_bool().get(value) != simdjson::SUCCESS) return "bad_signature must be a boolean";
    bad_signature = value;
  }
  if (const auto field = root["deny_owners"]; field.error() == simdjson::SUCCESS) {
    simdjson::dom::array list;
    if (field.get_array().get(list) != simdjson::SUCCESS) return "deny_owners must be an array of names";
    for (const auto entry : list) {
      std::string_view name;
      if (entry.get_string().get(name) != simdjson::SUCCESS) return "deny_owners must be an array of names";
      denied.emplace_back(name);
    }
  }
  for (auto& rule : added) rules_.push_back(std::move(rule));
  if (offset) clock_offset_ = *offset;
  if (bad_signature) bad_signature_ = *bad_signature;
  denied_owners_.insert(denied.begin(), denied.end());
  return std::nullopt;
}

void FaultInjector::clear() {
  rules_.clear();
  clock_offset_ = 0;
  bad_signature_ = false;
  denied_owners_.clear();
}

void FaultInjector::write_json(JsonWriter& json) const {
  json.begin_object().key("rules").begin_array();
  for (const auto& rule : rules_) {
    json.begin_object().key("kind").value(fault_kind_name(rule.kind));
    if (!rule.method.empty()) json.key("method").value(rule.method);
    if (!rule.path.empty()) json.key("path").value(rule.path);
    json.key("count").value(rule.count).key("fraction").value(rule.fraction);
    json.key("seed").value(static_cast<std::int64_t>(rule.seed));
    if (rule.kind == FaultKind::kSlow) {
      json.key("delay_ms").value(rule.delay_ms);
    } else if (rule.kind == FaultKind::kCut) {
      json.key("cut_after").value(rule.cut_after);
    } else if (rule.kind == FaultKind::kTrickle) {
      json.key("trickle_bytes").value(rule.trickle_bytes).key("trickle_ms").value(rule.trickle_ms);
    } else {
      json.key("status").value(rule.status).key("message").value(rule.message);
      if (rule.delay_ms > 0) json.key("delay_ms").value(rule.delay_ms);
    }
    if (rule.retry_after) {
      json.key("retry_after").value(*rule.retry_after);
      json.key("retry_after_form").value(rule.retry_after_date ? "date" : "seconds");
    }
    json.key("fired").value(rule.fired).end_object();
  }
  json.end_array().key("clock_offset").value(clock_offset_).key("bad_signature").value(bad_signature_);
  json.key("deny_owners").begin_array();
  for (const auto& name : denied_owners_) json.value(name);
  json.end_array().end_object();
}

}  // namespace tcfeed::sandbox
