"""The learned reading (issue 14): a development tool that ranks sentences the NLRA rules may miss."""
