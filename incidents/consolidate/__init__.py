"""One strike, many reports: which source is most direct, which records describe one
incident, and the incident's figures from its reports. Pure: the store applies it
(`incidents.storage.reports`)."""
