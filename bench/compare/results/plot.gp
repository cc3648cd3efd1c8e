set terminal pngcairo size 1200,900 font 'sans,10'
set output '/work/main/bench/compare/results/wall-time.png'
$d0 << EOD
10 4.652
50 12.962
EOD
$d1 << EOD
10 28.556
50 131.956
EOD
$d2 << EOD
10 3.395
50 12.615
EOD
$d3 << EOD
10 3.948
50 8.401
EOD
$d4 << EOD
10 29.916
50 131.224
EOD
$d5 << EOD
10 2.144
50 7.772
EOD
$d6 << EOD
10 16.737
50 53.229
EOD
$d7 << EOD
10 185.579
50 666.572
EOD
$d8 << EOD
10 12.528
50 60.780
EOD
$d9 << EOD
10 12.692
50 31.210
EOD
$d10 << EOD
10 184.820
50 594.022
EOD
$d11 << EOD
10 7.287
50 32.893
EOD
set multiplot layout 2,2 title 'Median wall time against hosts (loopback sshd hosts)'
set xlabel 'hosts'
set ylabel 'wall time (s)'
set logscale y
set grid
set key top left
set xtics (10, 50)
set xrange [0:55.00000000000001]
set title 'pyinfra, first run'
plot $d0 using 1:2 with linespoints lw 2 pt 7 title 'tsible', $d1 using 1:2 with linespoints lw 2 pt 7 title 'ansible', $d2 using 1:2 with linespoints lw 2 pt 7 title 'floor'
set title 'pyinfra, converged run'
plot $d3 using 1:2 with linespoints lw 2 pt 7 title 'tsible', $d4 using 1:2 with linespoints lw 2 pt 7 title 'ansible', $d5 using 1:2 with linespoints lw 2 pt 7 title 'floor'
set title 'realistic, first run'
plot $d6 using 1:2 with linespoints lw 2 pt 7 title 'tsible', $d7 using 1:2 with linespoints lw 2 pt 7 title 'ansible', $d8 using 1:2 with linespoints lw 2 pt 7 title 'floor'
set title 'realistic, converged run'
plot $d9 using 1:2 with linespoints lw 2 pt 7 title 'tsible', $d10 using 1:2 with linespoints lw 2 pt 7 title 'ansible', $d11 using 1:2 with linespoints lw 2 pt 7 title 'floor'
unset multiplot
