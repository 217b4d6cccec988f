-- Issue 14: request budgets shared by every node on this database (store/budgets/BudgetStore).
-- One row per budget (a vendor limit): locked while a node takes from it; a vendor's pause or a held reserve.
CREATE TABLE vendor_budget (
    name         VARCHAR(200) NOT NULL PRIMARY KEY,
    paused_until TIMESTAMP WITH TIME ZONE
);
-- The requests taken within the budget's window (older ones are deleted as the window slides).
CREATE TABLE vendor_budget_grant (
    name       VARCHAR(200) NOT NULL,
    granted_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX vendor_budget_grant_name_at ON vendor_budget_grant (name, granted_at);
