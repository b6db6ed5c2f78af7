"""The person at the browser, for the end-to-end scripts: follows mcpauth's redirects and
fills its sign-in and consent forms over plain HTTP until the client's redirect URI.

A password of the form "idp:NAME" signs in through identity provider NAME instead: the
browser presses its button and fills the provider's own (oidc-provider's development) sign-in
and consent forms, with the email as the login."""

import html
import re
from urllib.parse import urljoin

import httpx


def hidden_fields(page: str) -> dict:
    return {n: html.unescape(v) for n, v in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page)}


def form_action(page: str) -> str:
    return html.unescape(re.search(r'<form[^>]* action="([^"]+)"', page).group(1))


def sign_in_and_consent(url: str, redirect_uri: str, email: str, password: str, client_name: str | None = None) -> str:
    """Starts at an authorization URL; returns the URL the browser is sent back to."""
    with httpx.Client(follow_redirects=False) as browser:
        for _ in range(20):
            if url.startswith(redirect_uri):
                return url
            response = browser.get(url)
            if response.is_redirect:
                url = urljoin(url, response.headers["location"])
                continue
            page, form = response.text, hidden_fields(response.text)
            if password.startswith("idp:") and "/login/idp/" in page:
                response = browser.post(urljoin(url, f"/login/idp/{password[4:]}"), data=form)
            elif 'name="login"' in page:
                response = browser.post(form_action(page), data={**form, "login": email, "password": "any"})
            elif 'value="consent"' in page:
                response = browser.post(form_action(page), data=form)
            elif 'name="password"' in page:
                response = browser.post(urljoin(url, "/login"), data={**form, "email": email, "password": password})
            elif 'value="allow"' in page:
                assert client_name is None or client_name in page, f"the consent page does not name {client_name}"
                response = browser.post(urljoin(url, "/consent"), data={**form, "decision": "allow"})
            else:
                raise AssertionError(f"unexpected page {response.status_code} at {url}: {page[:300]}")
            assert response.is_redirect, f"the form answered {response.status_code}: {response.text[:300]}"
            url = urljoin(url, response.headers["location"])
    raise AssertionError("the browser never reached the redirect URI")
