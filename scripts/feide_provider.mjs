// A local stand-in for Feide: a real OpenID Connect provider (the npm package oidc-provider) on 127.0.0.1
// with Feide's claim names, a few demo teachers, and Feide's groups API (/groups/me/groups) in Feide's shape.
// For development (`bash scripts/dev --feide`) and the tests (tests/feide_provider.py). Never for production.
//
// Settings (environment): FEIDE_PROVIDER_PORT (0: any free port), FEIDE_CLIENT_ID, FEIDE_CLIENT_SECRET,
// FEIDE_REDIRECT_URIS and FEIDE_POST_LOGOUT_URIS (comma-separated). Prints "listening <issuer>" when ready.
// Tests may change how it behaves: POST /__test__/behaviour {"tamper": "iss"|"aud"|"nonce"|"key"|null,
// "codeTtl": seconds, "holdSeconds": seconds, "slowTokenSeconds": seconds} (a misbehaving or forged provider answer, checked by the app).
import http from 'node:http';

import * as jose from 'jose';
import Provider from 'oidc-provider';

const env = process.env;
const PASSWORD = 'feide-demo';
const OWNER = { id: 'fc:org:fjordvik.kommune.no', number: 'NO999111000', name: 'Fjordvik kommune' };
const unit = (number, name) => ({ id: `${OWNER.id}:unit:NO${number}`, name });
const FJORDVIK_US = unit('999111001', 'Fjordvik ungdomsskole');
const LYNGHEIA = unit('999111002', 'Lyngheia videregående skole');
const ELSEWHERE = { id: 'fc:org:andreby.kommune.no:unit:NO999222001', name: 'Andreby skole' };

// username → the person: Feide's subject, name, e-mail, and their affiliation per organisation unit.
const PEOPLE = {
  'larer.fjordvik': { sub: 'a1f0c3f2-0001-4000-8000-000000000001', name: 'Ingrid Bakke',
    email: 'larer.fjordvik@example.no', units: [[FJORDVIK_US, ['faculty', 'employee', 'member']]] },
  'helse.fjordvik': { sub: 'a1f0c3f2-0002-4000-8000-000000000002', name: 'Amir Haddad',
    email: 'helse.fjordvik@example.no', units: [[FJORDVIK_US, ['staff', 'employee', 'member']]] },
  'rektor.fjordvik': { sub: 'a1f0c3f2-0003-4000-8000-000000000003', name: 'Per Strand',
    email: 'rektor.fjordvik@example.no', units: [[FJORDVIK_US, ['faculty', 'employee', 'member']]] },
  'ny.larer': { sub: 'a1f0c3f2-0004-4000-8000-000000000004', name: 'Nora Nyberg',
    email: 'nora.nyberg@fjordvik.kommune.no', units: [[FJORDVIK_US, ['faculty', 'employee', 'member']]] },
  'invitert': { sub: 'a1f0c3f2-0005-4000-8000-000000000005', name: 'Ivar Invitert',
    email: 'ivar.invitert@fjordvik.kommune.no', units: [[LYNGHEIA, ['faculty', 'employee', 'member']]] },
  'elev': { sub: 'a1f0c3f2-0006-4000-8000-000000000006', name: 'Emil Elev',
    email: 'emil.elev@elev.fjordvik.kommune.no', units: [[FJORDVIK_US, ['student', 'member']]] },
  'vikar': { sub: 'a1f0c3f2-0007-4000-8000-000000000007', name: 'Vera Vikar',
    email: 'vera.vikar@andreby.kommune.no', units: [[ELSEWHERE, ['faculty', 'employee', 'member']]] },
  // Feide itself refuses this person (as when their organisation has not approved the service).
  'nektet': { sub: 'a1f0c3f2-0008-4000-8000-000000000008', name: 'Nils Nektet',
    email: 'nils.nektet@fjordvik.kommune.no', units: [], refused: true },
};
const BY_SUB = Object.fromEntries(Object.entries(PEOPLE).map(([username, p]) => [p.sub, { username, ...p }]));

const behaviour = { tamper: null, codeTtl: null, holdSeconds: null, slowTokenSeconds: null };

function feideClaims(person) {
  const username = Object.keys(PEOPLE).find((key) => PEOPLE[key] === person) || person.username;
  const principal = `${username}@fjordvik.kommune.no`;
  return {
    sub: person.sub,
    name: person.name,
    email: person.email,
    email_verified: false, // Feide does not verify e-mail addresses
    'https://n.feide.no/claims/userid_sec': [`feide:${principal}`],
    'https://n.feide.no/claims/eduPersonPrincipalName': principal,
  };
}

function groupsOf(person) {
  const membership = (affiliation) => ({
    basic: 'member', affiliation, primaryAffiliation: affiliation[0],
  });
  const owner = {
    id: OWNER.id, type: 'fc:org', displayName: OWNER.name, norEduOrgNIN: OWNER.number,
    orgType: ['primary_and_lower_secondary_owner'],
    membership: membership(person.units.length ? person.units[0][1] : ['member']),
  };
  const units = person.units.map(([group, affiliation]) => ({
    id: group.id, type: 'fc:org', displayName: group.name, parent: group.id.split(':unit:')[0],
    orgType: ['primary_and_lower_secondary'], membership: membership(affiliation),
  }));
  return person.units.some(([group]) => group.id.startsWith(OWNER.id)) ? [owner, ...units] : units;
}

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(uid, error) {
  return `<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>Feide (lokal test)</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head><body><main>
<h1>Feide (lokal test)</h1>${error ? `<p role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${uid}/login">
<p><label for="username">Brukernavn</label> <input id="username" name="username" autocomplete="username"></p>
<p><label for="password">Passord</label> <input id="password" name="password" type="password"></p>
<p><button type="submit">Logg inn</button></p></form>
<form method="post" action="/interaction/${uid}/abort"><p><button type="submit">Avbryt</button></p></form>
<p>Demo: ${Object.keys(PEOPLE).map(escape).join(', ')}; passord ${PASSWORD}</p></main></body></html>`;
}

async function readForm(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString());
}

async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString() || '{}');
}

const send = (res, status, body, type = 'text/html; charset=utf-8') => {
  res.writeHead(status, { 'content-type': type });
  res.end(body);
};

async function main() {
  const server = http.createServer();
  await new Promise((resolve) => server.listen(Number(env.FEIDE_PROVIDER_PORT || 0), '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const signing = await jose.generateKeyPair('RS256', { extractable: true });
  const signingJwk = { ...(await jose.exportJWK(signing.privateKey)), kid: 'published', alg: 'RS256', use: 'sig' };
  const stranger = await jose.generateKeyPair('RS256', { extractable: true });
  const list = (value) => (value || '').split(',').map((item) => item.trim()).filter(Boolean);

  const provider = new Provider(issuer, {
    clients: [{
      client_id: env.FEIDE_CLIENT_ID || 'rusplan-local',
      client_secret: env.FEIDE_CLIENT_SECRET || 'rusplan-local-secret',
      redirect_uris: list(env.FEIDE_REDIRECT_URIS),
      post_logout_redirect_uris: list(env.FEIDE_POST_LOGOUT_URIS),
      token_endpoint_auth_method: 'client_secret_basic',
    }],
    jwks: { keys: [signingJwk] },
    cookies: { keys: [Buffer.from(jose.base64url.encode(crypto.getRandomValues(new Uint8Array(32))))] },
    scopes: ['openid', 'userid', 'userid-feide', 'profile', 'email', 'groups-org', 'offline_access'],
    claims: {
      openid: ['sub'],
      profile: ['name'],
      email: ['email', 'email_verified'],
      'userid-feide': ['https://n.feide.no/claims/userid_sec', 'https://n.feide.no/claims/eduPersonPrincipalName'],
    },
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
    pkce: { required: () => true },
    ttl: { AuthorizationCode: () => behaviour.codeTtl || 60 },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(ctx, sub) {
      const person = BY_SUB[sub];
      return person && { accountId: sub, claims: async () => feideClaims(person) };
    },
    async loadExistingGrant(ctx) {
      // The service is approved for everyone here: no consent page, every requested scope granted.
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope([...ctx.oidc.requestParamScopes].join(' '));
      await grant.save();
      return grant;
    },
  });

  // A forged or misbehaving answer from the token endpoint, when a test asks for one; or a code that
  // waits (holdSeconds) before it is sent back to the service, as in a slow browser.
  provider.use(async (ctx, next) => {
    if (ctx.path === '/token' && behaviour.slowTokenSeconds) {
      await new Promise((resolve) => setTimeout(resolve, behaviour.slowTokenSeconds * 1000)); // a hung provider
    }
    await next();
    const location = ctx.response.get('location') || '';
    if (behaviour.holdSeconds && location.includes('code=')) {
      await new Promise((resolve) => setTimeout(resolve, behaviour.holdSeconds * 1000));
    }
    if (ctx.path !== '/token' || ctx.status !== 200 || !behaviour.tamper || !ctx.body?.id_token) return;
    const claims = jose.decodeJwt(ctx.body.id_token);
    const changes = { iss: { iss: 'https://evil.example' }, aud: { aud: 'another-service' }, nonce: { nonce: 'not-yours' } };
    const key = behaviour.tamper === 'key' ? stranger.privateKey : signing.privateKey;
    const kid = behaviour.tamper === 'key' ? 'unpublished' : 'published';
    ctx.body = {
      ...ctx.body,
      id_token: await new jose.SignJWT({ ...claims, ...(changes[behaviour.tamper] || {}) })
        .setProtectedHeader({ alg: 'RS256', kid }).sign(key),
    };
  });

  const handle = provider.callback();
  server.on('request', async (req, res) => {
    try {
      const url = new URL(req.url, issuer);
      const interaction = url.pathname.match(/^\/interaction\/([\w-]+)(?:\/(login|abort))?$/);
      if (url.pathname === '/__test__/behaviour' && req.method === 'POST') {
        Object.assign(behaviour, { tamper: null, codeTtl: null, holdSeconds: null, slowTokenSeconds: null }, await readJson(req));
        return send(res, 200, JSON.stringify(behaviour), 'application/json');
      }
      if (url.pathname === '/groups/me/groups') {
        const token = (req.headers.authorization || '').replace(/^Bearer /, '');
        const found = token && await provider.AccessToken.find(token);
        if (!found) return send(res, 401, '{"message":"invalid token"}', 'application/json');
        return send(res, 200, JSON.stringify(groupsOf(BY_SUB[found.accountId])), 'application/json; charset=utf-8');
      }
      if (interaction && req.method === 'GET' && !interaction[2]) {
        const { uid } = await provider.interactionDetails(req, res);
        return send(res, 200, loginPage(uid));
      }
      if (interaction && req.method === 'POST') {
        const { uid } = await provider.interactionDetails(req, res);
        const form = await readForm(req);
        if (interaction[2] === 'abort') {
          const result = { error: 'access_denied', error_description: 'End-User aborted interaction' };
          return provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
        }
        const person = PEOPLE[form.get('username')];
        if (!person || form.get('password') !== PASSWORD) return send(res, 200, loginPage(uid, 'Feil brukernavn eller passord.'));
        const result = person.refused
          ? { error: 'unauthorized_client', error_description: 'The organisation has not approved this service' }
          : { login: { accountId: person.sub } };
        return provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
      }
      return handle(req, res);
    } catch (error) {
      console.error(error);
      return send(res, 500, 'error');
    }
  });
  console.log(`listening ${issuer}`);
}

main();
