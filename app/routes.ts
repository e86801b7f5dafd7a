import { type RouteConfig, index, route } from '@react-router/dev/routes';

export default [
  index('routes/home.tsx'),
  route('signup', 'routes/signup.tsx'),
  route('signin', 'routes/signin.tsx'),
  route('signout', 'routes/signout.tsx'),
  route('locale', 'routes/locale.tsx'),
  route('dashboard', 'routes/dashboard.tsx'),
  route('organizations', 'routes/organizations.tsx'),
  route('organizations/new', 'routes/organizations.new.tsx'),
  route('organizations/:slug', 'routes/organization.tsx'),
  route('organizations/:slug/members', 'routes/organization.members.tsx'),
  route('invitations/:token', 'routes/invitation.tsx'),
  route('settings', 'routes/settings.tsx'),
  route('pledges', 'routes/pledges.tsx'),
  route('pledges/new', 'routes/pledges.new.tsx'),
  route('pledges/:slug', 'routes/pledge.tsx'),
  route('pledges/:slug/register', 'routes/pledge.register.tsx'),
  route('pledges/:slug/versions/new', 'routes/pledge.version.tsx'),
] satisfies RouteConfig;
