import { Form, Link, Links, Meta, NavLink, Outlet, Scripts, ScrollRestoration, isRouteErrorResponse, useLocation, useRouteLoaderData } from 'react-router';
import type { Route } from './+types/root';
import './app.css';
import { getRequestAuth } from './auth/session.server';
import { LOCALES, LOCALE_NAMES, type Locale, translate } from './i18n';
import { useT } from './web/i18n';

export async function loader({ request }: Route.LoaderArgs) {
  const auth = await getRequestAuth(request);
  return {
    locale: auth.locale,
    user: auth.user
      ? {
          id: auth.user.id,
          name: auth.user.name,
          email: auth.user.email,
          isPlatformAdmin: auth.user.isPlatformAdmin,
        }
      : null,
  };
}

export const links: Route.LinksFunction = () => [{ rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' }];

export function meta({ data }: Route.MetaArgs) {
  const locale = (data?.locale ?? 'en') as Locale;
  return [{ title: translate(locale, 'app.name') }, { name: 'description', content: translate(locale, 'app.tagline') }];
}

function Logo() {
  return (
    <svg aria-hidden="true" viewBox="0 0 32 32" className="h-8 w-8 shrink-0">
      <rect width="32" height="32" rx="8" fill="#155569" />
      <path d="M9 16.5l4.5 4.5L23 11.5" fill="none" stroke="#fbbf24" strokeWidth="3" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

function LocaleSwitcher() {
  const t = useT();
  const location = useLocation();
  return (
    <Form method="post" action="/locale" className="flex items-center gap-1" aria-label={t('locale.switch')}>
      <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
      <span className="sr-only">{t('locale.label')}</span>
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="submit"
          name="locale"
          value={locale}
          lang={locale}
          aria-pressed={t.locale === locale}
          title={LOCALE_NAMES[locale]}
          className={
            t.locale === locale
              ? 'min-h-9 rounded-md bg-white px-2.5 text-sm font-semibold text-brand-900'
              : 'min-h-9 rounded-md px-2.5 text-sm font-medium text-white hover:bg-white/15'
          }
        >
          <span aria-hidden="true">{locale.toUpperCase()}</span>
          <span className="sr-only">{LOCALE_NAMES[locale]}</span>
        </button>
      ))}
    </Form>
  );
}

function Header() {
  const t = useT();
  const data = useRouteLoaderData<typeof loader>('root');
  const user = data?.user;
  const navClass = ({ isActive }: { isActive: boolean }) =>
    `rounded-md px-3 py-2 text-sm font-medium ${isActive ? 'bg-white/15 text-white' : 'text-brand-50 hover:bg-white/10 hover:text-white'}`;
  return (
    <header className="bg-brand-900 text-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-3 px-4 py-3 sm:px-6">
        <Link to={user ? '/dashboard' : '/'} className="flex items-center gap-2 rounded-md font-semibold tracking-tight">
          <Logo />
          <span className="text-lg">{t('app.name')}</span>
        </Link>
        <nav aria-label={t('nav.main')} className="order-3 flex w-full flex-wrap gap-1 sm:order-none sm:w-auto">
          {user ? (
            <NavLink to="/dashboard" className={navClass}>
              {t('nav.dashboard')}
            </NavLink>
          ) : null}
          <NavLink to="/pledges" className={navClass}>
            {t('nav.pledges')}
          </NavLink>
          <NavLink to="/organizations" className={navClass} end>
            {t('nav.organizations')}
          </NavLink>
          {user ? (
            <a href="/graphql" className={navClass({ isActive: false })}>
              {t('nav.api')}
            </a>
          ) : null}
        </nav>
        <div className="ml-auto flex items-center gap-3">
          <LocaleSwitcher />
          {user ? (
            <>
              <NavLink to="/settings" className={navClass} title={t('nav.signedInAs', { name: user.name })}>
                <span className="sr-only">{t('nav.signedInAs', { name: '' })}</span>
                {user.name}
              </NavLink>
              <Form method="post" action="/signout">
                <button type="submit" className="min-h-9 rounded-md border border-white/40 px-3 text-sm font-medium hover:bg-white/10">
                  {t('nav.signOut')}
                </button>
              </Form>
            </>
          ) : (
            <>
              <NavLink to="/signin" className={navClass}>
                {t('nav.signIn')}
              </NavLink>
              <Link to="/signup" className="min-h-9 rounded-md bg-amber-400 px-3 py-2 text-sm font-semibold text-brand-900 hover:bg-amber-300">
                {t('nav.signUp')}
              </Link>
            </>
          )}
        </div>
      </div>
    </header>
  );
}

function Footer() {
  const t = useT();
  return (
    <footer className="border-t border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-col gap-1 px-4 py-6 text-sm text-slate-600 sm:px-6">
        <p>{t('footer.text')}</p>
        <p>{t('footer.demo')}</p>
      </div>
    </footer>
  );
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>('root');
  return (
    <html lang={data?.locale ?? 'en'}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="flex min-h-screen flex-col font-sans antialiased">
        {children}
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

function Shell({ children }: { children: React.ReactNode }) {
  const t = useT();
  return (
    <>
      <a href="#main" className="sr-only z-50 rounded-md bg-amber-300 px-4 py-2 font-semibold text-brand-900 focus:not-sr-only focus:absolute focus:left-4 focus:top-4">
        {t('nav.skip')}
      </a>
      <Header />
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 focus:outline-none sm:px-6 sm:py-10">
        {children}
      </main>
      <Footer />
    </>
  );
}

export default function App() {
  return (
    <Shell>
      <Outlet />
    </Shell>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  const t = useT();
  let title = t('errors.page.title');
  let details = t('errors.unexpected');
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) title = t('errors.page.404');
    if (error.status === 403) title = t('errors.page.403');
    details = error.status === 404 ? t('errors.notFound') : error.status === 403 ? t('errors.forbidden') : details;
  }
  return (
    <Shell>
      <div className="mx-auto max-w-xl py-12 text-center">
        <h1 className="text-2xl font-semibold text-brand-900">{title}</h1>
        <p className="mt-3 text-slate-700">{details}</p>
        <Link to="/" className="mt-6 inline-block font-semibold text-brand-700 underline">
          {t('errors.page.back')}
        </Link>
      </div>
    </Shell>
  );
}
