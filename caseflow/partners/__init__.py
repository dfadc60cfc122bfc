"""Partner organisations in the co-creation of a household plan: who they are, who works for
them (`organisations`), and what their staff may see and do on the plans (`work`)."""
