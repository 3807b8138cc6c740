"""The output stage: text reports, the claim network and the HTML views."""
