// Loading a policy pack: calendar.json: holidays and adjusted working days.
#include "policy/loader.hpp"

#include <set>
#include <string>
#include <utility>

ECREDIT_BEGIN_NAMESPACE

void EngineLoader::load_calendar(const JsonDoc& doc) {
  const Node root(doc, doc.root, "");
  root.allow_only({"years"});
  std::set<int> years, holidays, workdays;  // day numbers (Calendar)
  for (const auto& [year, yn] : root.at("years").members()) {
    yn.allow_only({"confirmed", "holidays", "workdays"});
    int y = 0;
    try {
      y = std::stoi(year);
    } catch (...) {
      yn.fail("calendar keys are years");
    }
    if (y < 1900 || y > 2200) yn.fail("calendar keys are years");
    years.insert(y);
    for (const Node& h : yn.at("holidays").elements()) {
      h.allow_only({"name", "from", "to"});
      const date::sys_days from = req_day(h, "from"), to = req_day(h, "to");
      if (to < from) h.at("to").fail("a holiday period ends before it starts");
      if ((to - from).count() > 31) h.at("to").fail("a holiday period longer than a month");
      for (date::sys_days d = from; d <= to; d += date::days{1})
        holidays.insert(d.time_since_epoch().count());
    }
    for (const Node& w : yn.at("workdays").elements()) {
      w.allow_only({"name", "date"});
      const date::sys_days d = req_day(w, "date");
      const date::weekday wd{d};
      if (wd != date::Saturday && wd != date::Sunday)
        w.at("date").fail("an adjusted working day is a weekend day");
      if (holidays.count(d.time_since_epoch().count())) w.at("date").fail("a working day inside a holiday");
      workdays.insert(d.time_since_epoch().count());
    }
  }
  e.calendar_ = Calendar(std::move(years), std::move(holidays), std::move(workdays));
}

ECREDIT_END_NAMESPACE
