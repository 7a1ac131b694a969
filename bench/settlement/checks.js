'use strict';
// Exact to the đồng: what each statement came to (the API's remittance view), the ledger's balances
// and the trial balance (SQL and every page of the API), against what the generator seeded.
const { call } = require('../lib/rest');

/** The fields of one outcome's totals that the generator computes. */
function pick(o) {
  if (!o) return o;
  return {
    count: o.count,
    codCollectedVnd: o.codCollectedVnd,
    expectedCodVnd: o.expectedCodVnd,
    netRemittedVnd: o.netRemittedVnd,
    differenceVnd: o.differenceVnd,
  };
}

/**
 * @param {{ base: string, db: import('pg').Client, gen: { statements: any[] }, ids: string[], keys: Record<string, string>, adminKey: string }} o
 * @returns {Promise<{ failures: string[], tb: { ad: string, ac: string, ed: string, ec: string, postings: number }, tbApi: any }>}
 */
async function checkStatements({ base, db, gen, ids, keys, adminKey }) {
  const failures = [];
  const canon = (v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, canon(v[k])]),
        )
      : v;
  const check = (what, got, want) => {
    if (JSON.stringify(canon(got)) !== JSON.stringify(canon(want)))
      failures.push(`${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
  };
  for (const [i, st] of gen.statements.entries()) {
    const r = await call(base, 'GET', `/v1/remittances/${ids[i]}`, keys[st.carrier]);
    check(`${st.carrier} status`, r.body.status, 'reconciled');
    for (const o of Object.keys(st.outcomes)) check(`${st.carrier} ${o}`, pick(r.body.outcomes?.[o]), st.outcomes[o]);
    check(`${st.carrier} lines`, r.body.lineCount, st.lines);
    check(`${st.carrier} transfer`, r.body.transfer, {
      netLinesVnd: st.netLines,
      totalTransferredVnd: st.transferred,
      differenceVnd: st.netLines - st.transferred,
      matches: st.netLines === st.transferred,
    });
    const m = r.body.missing ?? {};
    check(`${st.carrier} missing`, { count: m.count, codVnd: m.codVnd }, { count: st.exp.missing.count, codVnd: st.exp.missing.codVnd });
    for (const b of m.ageing ?? [])
      check(
        `${st.carrier} missing ${b.bucket}`,
        { count: b.count, codVnd: b.codVnd },
        st.exp.missing.buckets[b.bucket] ?? { count: 0, codVnd: 0 },
      );
    const disc =
      st.outcomes.short.differenceVnd +
      st.outcomes.over.differenceVnd +
      st.outcomes.unknown.netRemittedVnd +
      st.outcomes.duplicate.netRemittedVnd -
      (st.netLines - st.transferred);
    const { rows } = await db.query(
      'SELECT code, debits_vnd::text AS d, credits_vnd::text AS c FROM ledger_accounts WHERE code = ANY($1)',
      [
        [
          `carrier:${st.carrier}:receivable`,
          `carrier:${st.carrier}:clearing`,
          `carrier:${st.carrier}:discrepancy`,
          `platform:expense:carrier-fees:${st.carrier}`,
        ],
      ],
    );
    const bal = Object.fromEntries(
      rows.map((x) => [x.code.replace(`:${st.carrier}`, '').replace(`-${st.carrier}`, ''), Number(x.d) - Number(x.c)]),
    );
    check(`${st.carrier} ledger`, bal, {
      'carrier:receivable': st.exp.receivableLeft,
      'carrier:clearing': 0,
      'carrier:discrepancy': -disc,
      'platform:expense:carrier-fees': st.exp.fees,
    });
  }
  const { rows: sellers } = await db.query(
    `SELECT sum(credits_vnd - debits_vnd) FILTER (WHERE kind = 'seller_pending')::text AS pending,
            sum(credits_vnd - debits_vnd) FILTER (WHERE kind = 'seller_available')::text AS available,
            (SELECT debits_vnd FROM ledger_accounts WHERE code = 'platform:bank')::text AS bank
       FROM ledger_accounts`,
  );
  const sumExp = (f) => gen.statements.reduce((t, s) => t + f(s), 0);
  check(
    'sellers pending',
    Number(sellers[0].pending),
    sumExp((s) => s.exp.pendingLeft),
  );
  check(
    'sellers available',
    Number(sellers[0].available),
    sumExp((s) => s.exp.released),
  );
  check(
    'bank',
    Number(sellers[0].bank),
    sumExp((s) => s.transferred),
  );
  const { rows: tb } = await db.query(
    `SELECT (SELECT sum(debits_vnd) FROM ledger_accounts)::text AS ad, (SELECT sum(credits_vnd) FROM ledger_accounts)::text AS ac,
            (SELECT sum(debit_vnd) FROM ledger_entries)::text AS ed, (SELECT sum(credit_vnd) FROM ledger_entries)::text AS ec,
            (SELECT count(*) FROM ledger_postings WHERE kind LIKE 'remittance%')::int AS postings`,
  );
  check('trial balance', [tb[0].ac, tb[0].ed, tb[0].ec], [tb[0].ad, tb[0].ad, tb[0].ad]);
  // The trial balance through the API, every page of it (~40,000 accounts): the pages together
  // must list every account once and add up to the totals each page reports, and stay small.
  const tbApi = { pages: 0, accounts: 0, debits: 0, credits: 0, maxPageBytes: 0, msPerPage: [], status: 200, last: undefined };
  for (let cursor; ;) {
    const t = Date.now();
    const r = await call(
      base,
      'GET',
      `/v1/admin/ledger/trial-balance?limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      adminKey,
    );
    tbApi.msPerPage.push(Date.now() - t);
    if (r.status !== 200) {
      Object.assign(tbApi, { status: r.status, error: JSON.stringify(r.body).slice(0, 200) });
      failures.push(`trial balance page ${tbApi.pages + 1}: ${r.status} ${tbApi.error}`);
      break;
    }
    tbApi.pages += 1;
    tbApi.accounts += r.body.items.length;
    tbApi.maxPageBytes = Math.max(tbApi.maxPageBytes, r.bytes);
    for (const a of r.body.items) {
      tbApi.debits += a.debitsVnd;
      tbApi.credits += a.creditsVnd;
    }
    tbApi.last = r.body;
    if (!r.body.nextCursor) break;
    cursor = r.body.nextCursor;
  }
  if (tbApi.last) {
    check(
      'trial balance endpoint',
      { balanced: tbApi.last.balanced, accounts: tbApi.accounts, debits: tbApi.debits, credits: tbApi.credits },
      {
        balanced: true,
        accounts: tbApi.last.accountCount,
        debits: tbApi.last.totalDebitsVnd,
        credits: tbApi.last.totalCreditsVnd,
      },
    );
    check('trial balance totals', tbApi.last.totalDebitsVnd, Number(tb[0].ad));
  }

  return { failures, tb: tb[0], tbApi };
}

module.exports = { checkStatements };
