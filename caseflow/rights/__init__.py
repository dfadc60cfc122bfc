"""Rights management: personal accounts, roles and scope, the rights log and the yearly review."""
