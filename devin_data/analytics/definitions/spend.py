"""Billed ACUs, money, the budget, the forecast and the alerts."""

DEFINITIONS = (
    (
        "Billed ACUs",
        "ACUs the API bills per billing day (08:00 UTC to 08:00 UTC, named by the day it "
        "starts) for every product: devin (sessions), cascade, terminal and review; a day the API "
        "lists without usage counts as 0, and without ViewOrgConsumption it is not available.",
    ),
    (
        "Billed ACUs beside session ACUs",
        "Billed ACUs minus the ACUs the cached sessions report, per billing day of the session's "
        "creation: the other products, plus devin usage of sessions missing from the cache or "
        "grown since the last sync; days without cached sessions count as 0 reported.",
    ),
    (
        "Money",
        "ACUs times the ACU price set in DEVIN_ACU_PRICE (US dollars); without a price every "
        "figure stays in ACUs and no money is shown.",
    ),
    (
        "Budget and ACU limit",
        "The organization's ACU limit per billing cycle from the API (an enterprise key), else "
        "the enterprise's, else the monthly budget set on the Spend page or in "
        "DEVIN_MONTHLY_BUDGET_ACUS for the calendar month from the 1st at 08:00 UTC; without one "
        "none is shown.",
    ),
    (
        "Spend forecast",
        "Billed ACUs so far in the cycle plus, for each day left, the mean billed ACUs of that "
        "weekday over up to the last 8 complete weeks; the range uses that weekday's 20th and "
        "80th percentiles, and days missing from the bill count as 0.",
    ),
    (
        "Run-out date",
        "The billing day on which the forecast's running total reaches the budget or ACU limit; "
        "not this cycle when it stays within it, and not shown without a budget or limit.",
    ),
    (
        "Alerts",
        "A banner and a report flag when the forecast exceeds DEVIN_ALERT_SPEND_PACE (default "
        "100%) of the budget, or when the share of the last 7 days' sessions in error exceeds "
        "DEVIN_ALERT_ERROR_SHARE; an unset threshold never flags.",
    ),
)
