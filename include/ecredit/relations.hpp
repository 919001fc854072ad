/// Related parties (关联关系, docs/relations.md): who stands behind a subject, as of a
/// date. The edges are the registry's relations (relation rows, Registry::relations())
/// and those a subject row implies (its legal_rep_id: legal_representative; each of its
/// responsible_ids: responsible_person), followed both ways.
///
///     auto rows = ecredit::related(*reg, "91440101MA59U8YB6Y", as_of, {{}, 2});
///     for (const auto& r : rows) r.path;   // {"91440101MA59U8YB6Y", "<person>", "<other firm>"}
///     auto owners = ecredit::beneficial_owners(*reg, uscc, as_of, 0.25);
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ecredit/config.hpp"
#include "ecredit/date.hpp"

ECREDIT_BEGIN_NAMESPACE

class Registry;

/// One relation reached from the queried party: the relation's own ends (`party_id` has
/// `role` in `uscc`), how many relations away it is (1: it touches the queried party) and
/// the path of ids from the queried party to the relation's far end.
struct RelatedParty {
  std::string party_id, party_kind, uscc, role;
  std::string party_name;       ///< as the relation row gives it ("" when implied by a subject row)
  std::string relation_id;      ///< the relation's id; "subject:<uscc>" when a subject row implies it
  std::optional<double> share;  ///< a shareholder's share (0–1), when given
  std::optional<date::sys_days> from_date, to_date;
  std::size_t hops = 0;
  std::vector<std::string> path;  ///< ids: the queried party first, the far end last
};

struct RelatedOptions {
  std::vector<std::string> roles;  ///< follow only these roles (code table relation_role); empty: all
  std::size_t hops = 1;            ///< at least 1
};

/// Relations in force on `as_of` within `options.hops` of `party` (a USCC or a person's
/// ID number, normalised as the registry stores them), breadth first: each relation once,
/// at its fewest hops, nearest first, then by the far end's id. Throws InvalidInputError
/// for hops 0, a role no table knows, or a party that is neither a genuine USCC, a genuine
/// resident ID, nor an ID the registry holds (an empty result is a known party with no
/// relations).
ECREDIT_API std::vector<RelatedParty> related(const Registry& registry, std::string_view party,
                                              date::sys_days as_of, const RelatedOptions& options = {});

/// A natural person standing behind a subject (受益所有人, 令〔2024〕第3号 art. 6 as
/// docs/relations.md reads it): `share` is the equity held directly or through companies
/// (shares multiply along a chain and add across chains); `reasons` say why the person
/// counts: "share" (at or above the threshold), "actual_controller", "declared" (a
/// beneficial_owner relation).
struct BeneficialOwner {
  std::string party_id, party_name;
  double share = 0;
  std::vector<std::vector<std::string>> paths;  ///< each: the person first, the subject last
  std::vector<std::string> reasons;
};

struct BeneficialOwners {
  std::string uscc;
  date::sys_days as_of{};
  double threshold = 0;
  std::vector<BeneficialOwner> owners;  ///< by share, largest first, then by id
  /// What the data could not tell: shareholders without a share, organisations as actual
  /// controllers, holdings of one company in force on the day that add up to more than 1
  /// (scaled down to 1 for the computation).
  std::vector<std::string> notes;
};

/// The beneficial owners of `uscc` on `as_of`: persons whose share reaches `threshold`
/// (the regulation's 25 % is the caller's to pass: the policy, not this function, holds
/// it), with actual control, or declared as such. Chains are followed through
/// shareholder relations of organisations; a company met again on a chain ends that
/// chain (cycles terminate). Throws InvalidInputError for a threshold outside (0, 1], a
/// USCC that is not genuine, or chains beyond kMaxOwnershipPaths.
ECREDIT_API BeneficialOwners beneficial_owners(const Registry& registry, std::string_view uscc,
                                               date::sys_days as_of, double threshold);

/// The most chains beneficial_owners follows for one subject (a guard against a graph
/// whose simple paths explode; real holdings have few).
inline constexpr std::size_t kMaxOwnershipPaths = 1000000;

ECREDIT_END_NAMESPACE
