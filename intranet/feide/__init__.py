"""Sign in with Feide (OpenID Connect, Norway's school login): the client, linking, sign-in modes."""
