"""contacts feature package: function roles, contact persons, external services, who does what."""
