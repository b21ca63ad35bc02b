import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { helm } from '../../helpers'

const home = suite('helm home')
home('should print $HELM_HOME: --home, then the environment, then ~/.helm', async () => {
  assert.is((await helm(['home', '--home', '/opt/h'])).stdout, '/opt/h\n')
  assert.is((await helm(['home'], { env: { HELM_HOME: '/env/h' } })).stdout, '/env/h\n')
  assert.is((await helm(['home'], { env: { HOME: '/u' } })).stdout, '/u/.helm\n')
})
home.run()
